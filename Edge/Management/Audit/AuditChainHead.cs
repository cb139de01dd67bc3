using System.Globalization;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>The last record of the chain: its sequence number and hash (sequence 0 is the empty chain).</summary>
/// <param name="Sequence">The last record's sequence number, 1-based.</param>
/// <param name="Hash">The last record's hash, lowercase hex SHA-256.</param>
public sealed record AuditChainHead(long Sequence, string Hash)
{
    /// <summary>The head of an empty chain: the first record links to 64 zeros.</summary>
    public static AuditChainHead Empty { get; } = new(0, new string('0', 64));

    /// <summary>The text the head signature covers.</summary>
    public string SignedText => string.Create(CultureInfo.InvariantCulture, $"head|{Sequence}|{Hash}");
}

using System.Globalization;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>The stored head, <c>{sequence} {hash} {signature}</c>.</summary>
/// <param name="Head">The sequence and hash it names.</param>
/// <param name="Signature">HMAC-SHA256 of <see cref="AuditChainHead.SignedText"/>.</param>
public sealed record AuditStoredHead(AuditChainHead Head, string Signature)
{
    /// <summary>The stored text.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{Head.Sequence} {Head.Hash} {Signature}");

    /// <summary>Reads a stored head; null when it is not one.</summary>
    public static AuditStoredHead? TryParse(string? text)
    {
        var parts = text?.Split(' ');
        return parts is { Length: 3 } && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && parts[1].Length == 64
            ? new AuditStoredHead(new AuditChainHead(sequence, parts[1]), parts[2])
            : null;
    }
}

using System.Text.Json.Serialization;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>One thing verification found wrong.</summary>
/// <param name="Problem">Modified, Deleted, Inserted, Reordered, Malformed, HeadMissing, HeadSignatureInvalid, DigestSignatureInvalid, DigestMismatch.</param>
/// <param name="Sequence">The record's sequence number, when known.</param>
/// <param name="Position">Where the record is stored (0-based), when it is stored.</param>
/// <param name="Detail">What exactly is wrong.</param>
public sealed record AuditFinding(
    [property: JsonPropertyName("problem")] string Problem,
    [property: JsonPropertyName("sequence")] long? Sequence,
    [property: JsonPropertyName("position")] long? Position,
    [property: JsonPropertyName("detail")] string Detail);

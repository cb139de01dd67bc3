using System.Text.Json.Serialization;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>The result of checking the whole trail.</summary>
/// <param name="Valid">True when nothing was found.</param>
/// <param name="Records">Stored records checked.</param>
/// <param name="Digests">Stored digests checked.</param>
/// <param name="HeadSequence">The sequence number the signed head names (0 without a head).</param>
/// <param name="Findings">What is wrong (at most <see cref="AuditVerifier.MaxFindings"/>).</param>
public sealed record AuditVerification(
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("digests")] int Digests,
    [property: JsonPropertyName("headSequence")] long HeadSequence,
    [property: JsonPropertyName("findings")] IReadOnlyList<AuditFinding> Findings);

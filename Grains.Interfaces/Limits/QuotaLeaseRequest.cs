using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// An edge reporting what it spent of its quota grant and asking for more. <paramref name="Epoch"/>
/// is the epoch of the grant the report is about: if the grain has since forfeited that grant
/// (expired, or a period rolled over), the report's <paramref name="Used"/> is already counted and is
/// ignored, so nothing is ever counted twice. <paramref name="ReleaseRest"/> gives back every unspent
/// unit of the edge's grant (the edge has zeroed its local counter).
/// </summary>
[GenerateSerializer, Immutable, Alias("og.QuotaLeaseRequest")]
public sealed record QuotaLeaseRequest(
    [property: Id(0)] string EdgeId,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long Used,
    [property: Id(3)] bool ReleaseRest,
    [property: Id(4)] long Want,
    [property: Id(5)] QuotaSettings Quota);

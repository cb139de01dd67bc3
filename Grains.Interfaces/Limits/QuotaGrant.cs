namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// Quota units added to the edge's grant. The edge may spend them for <paramref name="ValidFor"/>
/// (from when it sent the request) and never after <paramref name="PeriodEnd"/>. With nothing
/// granted, <paramref name="RetryAfter"/> says when asking again could help (other edges' grants
/// returning, or the next period).
/// </summary>
[GenerateSerializer, Immutable, Alias("og.QuotaGrant")]
public sealed record QuotaGrant(
    [property: Id(0)] long Units,
    [property: Id(1)] long Epoch,
    [property: Id(2)] TimeSpan ValidFor,
    [property: Id(3)] DateTimeOffset PeriodEnd,
    [property: Id(4)] TimeSpan RetryAfter,
    [property: Id(5)] long Remaining);

namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// A key's quota in the current period as the quota grain knows it. <paramref name="Used"/> counts
/// units edges reported or forfeited; <paramref name="Remaining"/> is what the grain can still grant
/// (units an edge holds but has not reported count as taken until they come back).
/// </summary>
[GenerateSerializer, Immutable, Alias("og.QuotaStatus")]
public sealed record QuotaStatus(
    [property: Id(0)] long Limit,
    [property: Id(1)] long Used,
    [property: Id(2)] long Remaining,
    [property: Id(3)] DateTimeOffset PeriodStart,
    [property: Id(4)] DateTimeOffset PeriodEnd);

namespace OrleansGateway.Grains.Interfaces.UsagePlans;

/// <summary>
/// A usage plan's quota: at most <paramref name="Limit"/> requests per calendar <paramref name="Period"/>
/// (DAY, WEEK from Monday, MONTH from the 1st; UTC). <paramref name="Offset"/> is subtracted from the
/// limit in the first period, as the current AWS reference defines it.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.QuotaSettings")]
public sealed record QuotaSettings(
    [property: Id(0)] int Limit,
    [property: Id(1)] int Offset,
    [property: Id(2)] string Period);

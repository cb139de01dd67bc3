namespace OrleansGateway.Grains.Interfaces.UsagePlans;

/// <summary>A token bucket: <paramref name="RateLimit"/> tokens per second refill a bucket of <paramref name="BurstLimit"/>.</summary>
[GenerateSerializer, Immutable, Alias("og.ThrottleSettings")]
public sealed record ThrottleSettings(
    [property: Id(0)] double RateLimit,
    [property: Id(1)] int BurstLimit);

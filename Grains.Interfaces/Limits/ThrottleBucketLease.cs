using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// One bucket's entry in a <see cref="ThrottleShardLeaseRequest"/>: give back
/// <paramref name="Returned"/> unspent tokens, charge <paramref name="Borrowed"/> tokens the edge
/// already admitted on its standing allowance (a cold bucket's first request does not wait for a
/// lease), then take up to <paramref name="Want"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ThrottleBucketLease")]
public sealed record ThrottleBucketLease(
    [property: Id(0)] string BucketKey,
    [property: Id(1)] ThrottleSettings Settings,
    [property: Id(2)] int Want,
    [property: Id(3)] int Returned,
    [property: Id(4)] int Borrowed);

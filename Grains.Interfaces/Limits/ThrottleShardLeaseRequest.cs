namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>One edge's pending work for the buckets of one throttle shard.</summary>
[GenerateSerializer, Immutable, Alias("og.ThrottleShardLeaseRequest")]
public sealed record ThrottleShardLeaseRequest(
    [property: Id(0)] string EdgeId,
    [property: Id(1)] IReadOnlyList<ThrottleBucketLease> Buckets);

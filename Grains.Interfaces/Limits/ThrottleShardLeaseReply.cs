namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>The grants for a <see cref="ThrottleShardLeaseRequest"/>, one per bucket, in the request's order.</summary>
[GenerateSerializer, Immutable, Alias("og.ThrottleShardLeaseReply")]
public sealed record ThrottleShardLeaseReply(
    [property: Id(0)] IReadOnlyList<ThrottleGrant> Grants);

namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// Tokens granted to an edge, spendable for <paramref name="ValidFor"/> from when the edge sent the
/// request. With no tokens, <paramref name="RetryAfter"/> says when the bucket will have some.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ThrottleGrant")]
public sealed record ThrottleGrant(
    [property: Id(0)] int Tokens,
    [property: Id(1)] TimeSpan ValidFor,
    [property: Id(2)] TimeSpan RetryAfter);

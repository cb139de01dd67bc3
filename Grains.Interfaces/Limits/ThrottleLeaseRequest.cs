using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// An edge asking a throttle bucket for tokens. <paramref name="Settings"/> travels with every
/// request so the grain never has to look up configuration (the edge's table is pushed and current);
/// <paramref name="Returned"/> gives back tokens the edge did not spend from its previous grant.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ThrottleLeaseRequest")]
public sealed record ThrottleLeaseRequest(
    [property: Id(0)] string EdgeId,
    [property: Id(1)] ThrottleSettings Settings,
    [property: Id(2)] int Want,
    [property: Id(3)] int Returned);

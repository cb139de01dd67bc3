namespace OrleansGateway.Grains.Interfaces.Metering;

/// <summary>Requests of key <paramref name="KeyId"/> admitted under plan <paramref name="PlanId"/>.</summary>
[GenerateSerializer, Immutable, Alias("og.UsageCount")]
public sealed record UsageCount(
    [property: Id(0)] string PlanId,
    [property: Id(1)] string KeyId,
    [property: Id(2)] long Count);

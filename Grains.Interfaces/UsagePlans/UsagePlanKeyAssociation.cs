namespace OrleansGateway.Grains.Interfaces.UsagePlans;

/// <summary>What changing a plan's keys reports: the plan, and the keys whose membership was applied.</summary>
[GenerateSerializer, Immutable, Alias("og.UsagePlanKeyAssociation")]
public sealed record UsagePlanKeyAssociation(
    [property: Id(0)] string UsagePlanId,
    [property: Id(1)] IReadOnlyList<string> KeyIds);

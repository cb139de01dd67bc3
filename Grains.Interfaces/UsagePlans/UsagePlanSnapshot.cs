namespace OrleansGateway.Grains.Interfaces.UsagePlans;

/// <summary>Every usage plan at one version: what an edge compiles into its plan table.</summary>
[GenerateSerializer, Immutable, Alias("og.UsagePlanSnapshot")]
public sealed record UsagePlanSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<UsagePlan> Plans);

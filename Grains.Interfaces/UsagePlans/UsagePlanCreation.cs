namespace OrleansGateway.Grains.Interfaces.UsagePlans;

/// <summary>CreateUsagePlan's input, already bounded by the management endpoint; the directory validates the rules.</summary>
[GenerateSerializer, Immutable, Alias("og.UsagePlanCreation")]
public sealed record UsagePlanCreation(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] IReadOnlyList<UsagePlanApiStage> ApiStages,
    [property: Id(3)] ThrottleSettings? Throttle,
    [property: Id(4)] QuotaSettings? Quota,
    [property: Id(5)] IReadOnlyDictionary<string, string> Tags);

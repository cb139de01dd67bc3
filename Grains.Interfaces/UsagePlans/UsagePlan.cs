namespace OrleansGateway.Grains.Interfaces.UsagePlans;

/// <summary>A usage plan as API Gateway defines it (wire names in the management API are camelCase).</summary>
[GenerateSerializer, Immutable, Alias("og.UsagePlan")]
public sealed record UsagePlan(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] IReadOnlyList<UsagePlanApiStage> ApiStages,
    [property: Id(4)] ThrottleSettings? Throttle,
    [property: Id(5)] QuotaSettings? Quota,
    [property: Id(6)] string? ProductCode,
    [property: Id(7)] IReadOnlyDictionary<string, string> Tags);

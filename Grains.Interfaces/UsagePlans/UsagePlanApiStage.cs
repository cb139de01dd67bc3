namespace OrleansGateway.Grains.Interfaces.UsagePlans;

/// <summary>
/// An API stage a plan covers, with per-method throttles keyed <c>"{resourcePath}/{HTTPMETHOD}"</c>
/// (e.g. <c>"/pets/GET"</c>; the root is <c>"//GET"</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("og.UsagePlanApiStage")]
public sealed record UsagePlanApiStage(
    [property: Id(0)] string ApiId,
    [property: Id(1)] string Stage,
    [property: Id(2)] IReadOnlyDictionary<string, ThrottleSettings> Throttle);

namespace OrleansGateway.Grains.Interfaces.Deployments;

/// <summary>CreateStage's input.</summary>
[GenerateSerializer, Immutable, Alias("og.CreateStageRequest")]
public sealed record CreateStageRequest(
    [property: Id(0)] string StageName,
    [property: Id(1)] string DeploymentId,
    [property: Id(2)] string? Description,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Variables,
    [property: Id(4)] bool TracingEnabled,
    [property: Id(5)] bool CacheClusterEnabled,
    [property: Id(6)] string? CacheClusterSize,
    [property: Id(7)] IReadOnlyDictionary<string, string>? Tags,
    [property: Id(8)] string? DocumentationVersion);

namespace OrleansGateway.Grains.Interfaces.Deployments;

/// <summary>CreateDeployment's input. With <see cref="StageName"/> the stage is created or repointed too.</summary>
[GenerateSerializer, Immutable, Alias("og.CreateDeploymentRequest")]
public sealed record CreateDeploymentRequest(
    [property: Id(0)] string? StageName,
    [property: Id(1)] string? StageDescription,
    [property: Id(2)] string? Description,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Variables,
    [property: Id(4)] bool? TracingEnabled,
    [property: Id(5)] bool? CacheClusterEnabled,
    [property: Id(6)] string? CacheClusterSize);

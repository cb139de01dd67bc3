using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Grains.Definitions;

/// <summary>The persisted state of one REST API.</summary>
[GenerateSerializer, Alias("og.RestApiState")]
public sealed class RestApiState
{
    /// <summary>Null until created and after deletion.</summary>
    [Id(0)] public RestApiInfo? Info { get; set; }

    /// <summary>The working (undeployed) definition.</summary>
    [Id(1)] public ApiDefinition Definition { get; set; } = ApiDefinition.Empty;

    /// <summary>Immutable snapshots by id.</summary>
    [Id(2)] public Dictionary<string, DeploymentSnapshot> Deployments { get; set; } = [];

    /// <summary>Stages by name.</summary>
    [Id(3)] public Dictionary<string, StageRecord> Stages { get; set; } = [];

    /// <summary>
    /// Bumped on every change to what edges serve. Kept across deletion so versions stay monotonic
    /// if the id is ever reused.
    /// </summary>
    [Id(4)] public long ServingVersion { get; set; }
}

using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Grains.Interfaces.Deployments;

/// <summary>
/// An immutable snapshot of an API's definition and settings. Stages serve deployments, never the
/// working definition, so edits are invisible until deployed — as in API Gateway.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.DeploymentSnapshot")]
public sealed record DeploymentSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Description,
    [property: Id(2)] DateTimeOffset CreatedDate,
    [property: Id(3)] RestApiInfo Api,
    [property: Id(4)] ApiDefinition Definition);

/// <summary>What GetDeployments lists: a deployment without its snapshot.</summary>
[GenerateSerializer, Immutable, Alias("og.DeploymentSummary")]
public sealed record DeploymentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Description,
    [property: Id(2)] DateTimeOffset CreatedDate);

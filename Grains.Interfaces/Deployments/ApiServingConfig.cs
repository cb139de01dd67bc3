namespace OrleansGateway.Grains.Interfaces.Deployments;

/// <summary>
/// Everything an edge needs to serve one API: its stages and the deployments they point at.
/// Edges pull this when told a newer <see cref="Version"/> exists.
/// </summary>
/// <param name="Version">Bumped on every change that alters what is served; monotonic per API.</param>
/// <param name="Stages">Empty when the API was deleted.</param>
/// <param name="Deployments">Only the deployments some stage points at.</param>
/// <param name="ApiKeySource">Where API keys come from: HEADER (<c>x-api-key</c>) or AUTHORIZER (<c>usageIdentifierKey</c>).</param>
[GenerateSerializer, Immutable, Alias("og.ApiServingConfig")]
public sealed record ApiServingConfig(
    [property: Id(0)] string ApiId,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<StageRecord> Stages,
    [property: Id(3)] IReadOnlyList<DeploymentSnapshot> Deployments,
    [property: Id(4)] string ApiKeySource = "HEADER");

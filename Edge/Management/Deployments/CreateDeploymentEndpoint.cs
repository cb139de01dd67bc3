using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.Stages;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Deployments;

/// <summary>
/// CreateDeployment: <c>POST /restapis/{restApiId}/deployments</c> → 201 Deployment. With
/// <c>stageName</c> the stage is created or repointed in the same grain call.
/// </summary>
internal static class CreateDeploymentEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/restapis/{restApiId}/deployments", Handle);

    private static async Task<IResult> Handle(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var body = await RequestBodies.ReadJsonAsync(request, ManagementJson.Default.CreateDeploymentBody, cancellationToken);
        if (body?.CanarySettings is { ValueKind: not JsonValueKind.Null })
        {
            throw ManagementException.BadRequest(StageInput.CanaryNotSupported);
        }
        var stageName = body?.StageName is { Length: > 0 } name ? ManagementInput.RequireStageNameInBody(name) : null;
        var deploymentRequest = new CreateDeploymentRequest(
            stageName,
            ManagementInput.Bounded(body?.StageDescription, StageInput.MaxTextLength, "stageDescription"),
            ManagementInput.Bounded(body?.Description, StageInput.MaxTextLength, "description"),
            StageInput.Variables(body?.Variables),
            body?.TracingEnabled,
            body?.CacheClusterEnabled,
            StageInput.CacheClusterSize(body?.CacheClusterSize));
        var deployment = await grains.GetGrain<IRestApiGrain>(id).CreateDeployment(deploymentRequest);
        return TypedResults.Json(DeploymentResponse.From(deployment), ManagementJson.Default.DeploymentResponse, "application/json", StatusCodes.Status201Created);
    }
}

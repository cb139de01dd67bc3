using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Deployments;

/// <summary>GetDeployment: <c>GET /restapis/{restApiId}/deployments/{deploymentId}</c> → Deployment.</summary>
internal static class GetDeploymentEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/restapis/{restApiId}/deployments/{deploymentId}", Handle);

    private static async Task<IResult> Handle(string restApiId, string deploymentId, [FromServices] IGrainFactory grains)
    {
        var grain = grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId));
        var deployment = await grain.GetDeployment(ManagementInput.DeploymentId(deploymentId));
        return TypedResults.Json(DeploymentResponse.From(deployment), ManagementJson.Default.DeploymentResponse, "application/json");
    }
}

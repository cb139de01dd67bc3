using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Deployments;

/// <summary>DeleteDeployment: <c>DELETE /restapis/{restApiId}/deployments/{deploymentId}</c> → 202; 400 while a stage points at it.</summary>
internal static class DeleteDeploymentEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/restapis/{restApiId}/deployments/{deploymentId}", Handle);

    private static async Task<IResult> Handle(string restApiId, string deploymentId, [FromServices] IGrainFactory grains)
    {
        var grain = grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId));
        await grain.DeleteDeployment(ManagementInput.DeploymentId(deploymentId));
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}

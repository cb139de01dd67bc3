using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Deployments;

/// <summary>GetDeployments: <c>GET /restapis/{restApiId}/deployments?position=&amp;limit=</c> → <c>{"item": [Deployment], "position"}</c>, newest first.</summary>
internal static class GetDeploymentsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/restapis/{restApiId}/deployments", Handle);

    private static async Task<IResult> Handle(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var pageRequest = PageRequest.From(request);
        var deployments = await grains.GetGrain<IRestApiGrain>(id).GetDeployments();
        var page = Paging.Take(deployments, d => d.Id, pageRequest);
        var items = page.Items.Select(DeploymentResponse.From).ToList();
        return TypedResults.Json(new ItemsResponse<DeploymentResponse>(items, page.Position), ManagementJson.Default.ItemsResponseDeploymentResponse, "application/json");
    }
}

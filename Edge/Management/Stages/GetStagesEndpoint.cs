using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Stages;

/// <summary>GetStages: <c>GET /restapis/{restApiId}/stages[?deploymentId=]</c> → <c>{"item": [Stage]}</c> (not paginated).</summary>
internal static class GetStagesEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/restapis/{restApiId}/stages", Handle);

    private static async Task<IResult> Handle(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var grain = grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId));
        var deploymentId = request.Query["deploymentId"].ToString() is { Length: > 0 } id ? ManagementInput.DeploymentId(id) : null;
        var stages = await grain.GetStages(deploymentId);
        var items = stages.OrderBy(s => s.StageName, StringComparer.Ordinal).Select(StageResponse.From).ToList();
        return TypedResults.Json(new ItemsResponse<StageResponse>(items, null), ManagementJson.Default.ItemsResponseStageResponse, "application/json");
    }
}

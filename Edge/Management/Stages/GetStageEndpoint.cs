using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Stages;

/// <summary>GetStage: <c>GET /restapis/{restApiId}/stages/{stageName}</c> → Stage.</summary>
internal static class GetStageEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/restapis/{restApiId}/stages/{stageName}", Handle);

    private static async Task<IResult> Handle(string restApiId, string stageName, [FromServices] IGrainFactory grains)
    {
        var grain = grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId));
        var stage = await grain.GetStage(ManagementInput.StageName(stageName));
        return TypedResults.Json(StageResponse.From(stage), ManagementJson.Default.StageResponse, "application/json");
    }
}

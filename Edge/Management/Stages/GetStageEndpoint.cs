using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Stages;

/// <summary>GetStage: <c>GET /restapis/{restApiId}/stages/{stageName}</c> → Stage.</summary>
internal static class GetStageEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/restapis/{restApiId}/stages/{stageName}", Handle);

    private static async Task<IResult> Handle(string restApiId, string stageName, [FromServices] IGrainFactory grains)
    {
        var grain = grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId));
        var stage = await grain.GetStage(ManagementInput.StageName(stageName));
        var webAclArn = await grains.GetGrain<IWafDirectoryGrain>(IWafDirectoryGrain.Key).GetWebAclArnForStage(restApiId, stage.StageName);
        return TypedResults.Json(StageResponse.From(stage) with { WebAclArn = webAclArn }, ManagementJson.Default.StageResponse, "application/json");
    }
}

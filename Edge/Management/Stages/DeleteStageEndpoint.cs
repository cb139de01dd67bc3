using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Stages;

/// <summary>DeleteStage: <c>DELETE /restapis/{restApiId}/stages/{stageName}</c> → 202, empty body.</summary>
internal static class DeleteStageEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/restapis/{restApiId}/stages/{stageName}", Handle);

    private static async Task<IResult> Handle(string restApiId, string stageName, [FromServices] IGrainFactory grains)
    {
        var grain = grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId));
        await grain.DeleteStage(ManagementInput.StageName(stageName));
        // A stage created again under the same name starts unprotected, as in AWS (deleting a stage drops its web ACL association).
        await grains.GetGrain<IWafDirectoryGrain>(IWafDirectoryGrain.Key).Disassociate(restApiId, stageName);
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}

using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>DeleteRestApi: <c>DELETE /restapis/{restApiId}</c> → 202, empty body.</summary>
internal static class DeleteRestApiEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/restapis/{restApiId}", Handle);

    private static async Task<IResult> Handle(string restApiId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId)).Delete();
        await grains.GetGrain<IWafDirectoryGrain>(IWafDirectoryGrain.Key).DisassociateApi(restApiId);
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}

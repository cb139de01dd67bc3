using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>GetRestApi: <c>GET /restapis/{restApiId}</c> → RestApi.</summary>
internal static class GetRestApiEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/restapis/{restApiId}", Handle);

    private static async Task<IResult> Handle(string restApiId, [FromServices] IGrainFactory grains)
    {
        var api = await grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId)).Get();
        return TypedResults.Json(RestApiResponse.From(api), ManagementJson.Default.RestApiResponse, "application/json");
    }
}

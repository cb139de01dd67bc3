using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Resources;

/// <summary>GetResource: <c>GET /restapis/{restApiId}/resources/{resourceId}?embed=methods</c> → Resource.</summary>
internal static class GetResourceEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/restapis/{restApiId}/resources/{resourceId}", Handle);

    private static async Task<IResult> Handle(string restApiId, string resourceId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var definition = await grains.GetGrain<IRestApiGrain>(id).GetDefinition();
        var resource = ResourceTree.Flatten(definition).FirstOrDefault(r => ResourceIds.For(id, r.Path) == resourceId)
            ?? throw ManagementException.NotFound("Invalid Resource identifier specified");
        var response = ResourceResponse.From(id, resource, GetResourcesEndpoint.EmbedsMethods(request));
        return TypedResults.Json(response, ManagementJson.Default.ResourceResponse, "application/json");
    }
}

using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Resources;

/// <summary>
/// GetResources: <c>GET /restapis/{restApiId}/resources?position=&amp;limit=&amp;embed=methods</c> →
/// <c>{"item": [Resource], "position"}</c> over the working (undeployed) definition, ordered by path.
/// </summary>
internal static class GetResourcesEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/restapis/{restApiId}/resources", Handle);

    private static async Task<IResult> Handle(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var pageRequest = PageRequest.From(request);
        var definition = await grains.GetGrain<IRestApiGrain>(id).GetDefinition();
        var page = Paging.Take(ResourceTree.Flatten(definition), r => r.Path, pageRequest, StringComparer.Ordinal);
        var embedMethods = EmbedsMethods(request);
        var items = page.Items.Select(r => ResourceResponse.From(id, r, embedMethods)).ToList();
        return TypedResults.Json(new ItemsResponse<ResourceResponse>(items, page.Position), ManagementJson.Default.ItemsResponseResourceResponse, "application/json");
    }

    /// <summary>Whether <c>embed</c> (repeated or comma-separated) asks for <c>methods</c>.</summary>
    public static bool EmbedsMethods(HttpRequest request) =>
        request.Query["embed"].Any(v => v is not null && v.Split(',').Any(e => e.Trim() == "methods"));
}

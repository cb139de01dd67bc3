using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>GetRestApis: <c>GET /restapis?position=&amp;limit=</c> → <c>{"item": [RestApi], "position"}</c>, ordered by id.</summary>
internal static class GetRestApisEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/restapis", Handle);

    private static async Task<IResult> Handle(HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var pageRequest = PageRequest.From(request);
        var ids = await grains.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).ListApis();
        var sorted = ids.Order(StringComparer.Ordinal).ToList();
        var page = Paging.Take(sorted, id => id, pageRequest, StringComparer.Ordinal);

        // One read per API, in parallel; an API deleted since the catalog was read is skipped.
        var apis = await Task.WhenAll(page.Items.Select(id => grains.GetGrain<IRestApiGrain>(id).TryGet()));
        var items = apis.OfType<RestApiInfo>().Select(RestApiResponse.From).ToList();
        return TypedResults.Json(new ItemsResponse<RestApiResponse>(items, page.Position), ManagementJson.Default.ItemsResponseRestApiResponse, "application/json");
    }
}

using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>
/// GetApiKeys: <c>GET /apikeys?position=&amp;limit=&amp;name=&amp;customerId=&amp;includeValues=</c> →
/// <c>{"item": [ApiKey], "position": ...}</c>, in id order; <c>name</c> matches a name prefix.
/// Every shard is asked for one page and the pages are merged, so no grain holds every key.
/// </summary>
internal static class GetApiKeysEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/apikeys", Handle);

    private static async Task<IResult> Handle(HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] ApiKeyValueCipher cipher)
    {
        var page = PageRequest.From(request);
        var name = ApiKeyInput.Query(request, "name");
        var customerId = ApiKeyInput.Query(request, "customerId");
        var includeValues = ApiKeyInput.Flag(request, "includeValues");

        var shards = await Task.WhenAll(Enumerable.Range(0, ApiKeyListingShards.Count).Select(shard =>
            grains.GetGrain<IApiKeyListingShardGrain>(shard).List(page.AfterKey, page.Limit + 1, name, customerId)));
        var merged = shards.SelectMany(s => s).OrderBy(r => r.Id, StringComparer.Ordinal).Take(page.Limit + 1).ToList();
        var items = merged.Take(page.Limit).Select(r => ApiKeyResponse.From(r, includeValues, cipher)).ToList();
        var position = merged.Count > page.Limit ? PageRequest.Encode(items[^1].Id) : null;
        return TypedResults.Json(new ApiKeysResponse(items, position, null), ApiKeysJson.Default.ApiKeysResponse, "application/json");
    }
}

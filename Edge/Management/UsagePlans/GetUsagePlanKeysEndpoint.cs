using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Management.ApiKeys;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>
/// GetUsagePlanKeys: <c>GET /usageplans/{usagePlanId}/keys?name=&amp;position=&amp;limit=</c> →
/// <c>{"item": [UsagePlanKey]}</c> by key id; <c>name</c> matches a name prefix.
/// </summary>
internal static class GetUsagePlanKeysEndpoint
{
    private const int Parallelism = 32;

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/usageplans/{usagePlanId}/keys", Handle);

    private static async Task<IResult> Handle(string usagePlanId, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] ApiKeyValueCipher cipher)
    {
        var planId = UsagePlanInput.PlanId(usagePlanId);
        var page = PageRequest.From(request);
        var name = ApiKeyInput.Query(request, "name");
        var directory = grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key);

        // Without a name filter only one page of keys is read; with one, keys are read until the page fills.
        // Ids come from the directory a chunk at a time: a plan may hold a million keys.
        var items = new List<UsagePlanKeyResponse>(page.Limit);
        var more = false;
        var cursor = page.AfterKey;
        while (await directory.GetPlanKeyIdsAfter(planId, cursor, name is null ? page.Limit + 1 : Parallelism) is { Count: > 0 } chunk)
        {
            cursor = chunk[^1];
            var records = await Task.WhenAll(chunk.Select(id => grains.GetGrain<IApiKeyGrain>(id).TryGet()));
            foreach (var record in records)
            {
                if (record is null || (name is not null && !(record.Name ?? string.Empty).StartsWith(name, StringComparison.Ordinal)))
                {
                    continue;
                }
                if (items.Count == page.Limit)
                {
                    more = true;
                    break;
                }
                items.Add(UsagePlanKeys.From(record, cipher));
            }
            if (more || name is null)
            {
                break;
            }
        }
        var position = more ? PageRequest.Encode(items[^1].Id) : null;
        return TypedResults.Json(new ItemsResponse<UsagePlanKeyResponse>(items, position), ApiKeysJson.Default.ItemsResponseUsagePlanKeyResponse, "application/json");
    }
}

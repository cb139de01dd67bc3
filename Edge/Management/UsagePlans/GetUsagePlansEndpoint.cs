using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.ApiKeys;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>GetUsagePlans: <c>GET /usageplans?keyId=&amp;position=&amp;limit=</c> → <c>{"item": [UsagePlan]}</c>, by id.</summary>
internal static class GetUsagePlansEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/usageplans", Handle);

    private static async Task<IResult> Handle(HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var page = PageRequest.From(request);
        var keyId = ApiKeyInput.Query(request, "keyId");
        if (keyId is not null)
        {
            ApiKeyInput.KeyId(keyId);
        }
        var plans = await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).List(keyId);
        var taken = Paging.Take(plans, p => p.Id, page, StringComparer.Ordinal);
        var items = taken.Items.Select(UsagePlanResponse.From).ToList();
        return TypedResults.Json(new ItemsResponse<UsagePlanResponse>(items, taken.Position), ApiKeysJson.Default.ItemsResponseUsagePlanResponse, "application/json");
    }
}

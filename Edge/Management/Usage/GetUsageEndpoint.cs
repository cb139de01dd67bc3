using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;

namespace OrleansGateway.Edge.Management.Usage;

/// <summary>GetUsage: <c>GET /usageplans/{usagePlanId}/usage?startDate&amp;endDate&amp;keyId&amp;position&amp;limit</c> → Usage, paged by key.</summary>
internal static class GetUsageEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/usageplans/{usagePlanId}/usage", Handle);

    private static async Task<IResult> Handle(
        string usagePlanId, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] TimeProvider clock)
    {
        var range = UsageDateRange.From(request);
        var page = PageRequest.From(request);
        var keyId = request.Query["keyId"].ToString() is { Length: > 0 } key ? UsagePlanLookup.KeyId(key) : null;
        var plan = await UsagePlanLookup.RequireAsync(grains, usagePlanId);
        var rows = await UsageReport.BuildAsync(grains, plan, range, keyId, clock.GetUtcNow());
        var keys = rows.Select(r => r.KeyId).Distinct(StringComparer.Ordinal).ToList();
        var keyPage = Paging.Take(keys, k => k, page, StringComparer.Ordinal);
        var onPage = keyPage.Items.ToHashSet(StringComparer.Ordinal);
        var response = UsageResponse.From(plan.Id, range, rows.Where(r => onPage.Contains(r.KeyId)), keyPage.Position);
        return TypedResults.Json(response, UsageJson.Default.UsageResponse, "application/json");
    }
}

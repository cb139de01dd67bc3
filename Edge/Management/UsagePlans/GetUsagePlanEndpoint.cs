using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.ApiKeys;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>GetUsagePlan: <c>GET /usageplans/{usagePlanId}</c> → UsagePlan.</summary>
internal static class GetUsagePlanEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/usageplans/{usagePlanId}", Handle);

    private static async Task<IResult> Handle(string usagePlanId, [FromServices] IGrainFactory grains)
    {
        var plan = await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).Get(UsagePlanInput.PlanId(usagePlanId));
        return TypedResults.Json(UsagePlanResponse.From(plan), ApiKeysJson.Default.UsagePlanResponse, "application/json");
    }
}

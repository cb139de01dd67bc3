using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.ApiKeys;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>UpdateUsagePlan: <c>PATCH /usageplans/{usagePlanId}</c> → UsagePlan; all operations apply or none.</summary>
internal static class UpdateUsagePlanEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPatch("/usageplans/{usagePlanId}", Handle);

    private static async Task<IResult> Handle(string usagePlanId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var planId = UsagePlanInput.PlanId(usagePlanId);
        var body = await RequestBodies.ReadJsonAsync(request, ApiKeysJson.Default.PatchOperationsBody, cancellationToken);
        var plan = await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).Update(planId, PatchOperationsBody.ToOperations(body));
        return TypedResults.Json(UsagePlanResponse.From(plan), ApiKeysJson.Default.UsagePlanResponse, "application/json");
    }
}

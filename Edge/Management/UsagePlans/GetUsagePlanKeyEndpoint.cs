using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Management.ApiKeys;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>GetUsagePlanKey: <c>GET /usageplans/{usagePlanId}/keys/{keyId}</c> → UsagePlanKey; 404 unless the key is in the plan.</summary>
internal static class GetUsagePlanKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/usageplans/{usagePlanId}/keys/{keyId}", Handle);

    private static async Task<IResult> Handle(string usagePlanId, string keyId, [FromServices] IGrainFactory grains, [FromServices] ApiKeyValueCipher cipher)
    {
        var planId = UsagePlanInput.PlanId(usagePlanId);
        var id = ApiKeyInput.KeyId(keyId);
        if (!await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).HasPlanKey(planId, id))
        {
            throw ManagementException.NotFound("Invalid Usage Plan Key identifier specified");
        }
        var record = await grains.GetGrain<IApiKeyGrain>(id).Get();
        return TypedResults.Json(UsagePlanKeys.From(record, cipher), ApiKeysJson.Default.UsagePlanKeyResponse, "application/json");
    }
}

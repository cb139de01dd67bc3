using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.ApiKeys;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>DeleteUsagePlanKey: <c>DELETE /usageplans/{usagePlanId}/keys/{keyId}</c> → 202.</summary>
internal static class DeleteUsagePlanKeyEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/usageplans/{usagePlanId}/keys/{keyId}", Handle);

    private static async Task<IResult> Handle(string usagePlanId, string keyId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).RemoveKey(UsagePlanInput.PlanId(usagePlanId), ApiKeyInput.KeyId(keyId));
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}

using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>DeleteUsagePlan: <c>DELETE /usageplans/{usagePlanId}</c> → 202; 400 while API stages are associated.</summary>
internal static class DeleteUsagePlanEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/usageplans/{usagePlanId}", Handle);

    private static async Task<IResult> Handle(string usagePlanId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).Delete(UsagePlanInput.PlanId(usagePlanId));
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}

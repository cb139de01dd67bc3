using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Usage;

/// <summary>
/// UpdateUsage: <c>PATCH /usageplans/{usagePlanId}/keys/{keyId}/usage</c> with
/// <c>[{"op":"replace","path":"/remaining","value":"50"}]</c> → Usage of today. Sets what is left
/// of the current quota period through the key's quota grain, which every edge leases from.
/// </summary>
internal static class UpdateUsageEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPatch("/usageplans/{usagePlanId}/keys/{keyId}/usage", Handle);

    private static async Task<IResult> Handle(
        string usagePlanId, string keyId, HttpRequest request,
        [FromServices] IGrainFactory grains, [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = UsagePlanLookup.KeyId(keyId);
        var body = await RequestBodies.ReadJsonAsync(request, ManagementJson.Default.PatchOperationsBody, cancellationToken);
        long? remaining = null;
        foreach (var operation in PatchOperationsBody.ToOperations(body))
        {
            if (operation.Op != "replace" || operation.Path != "/remaining")
            {
                throw ManagementException.BadRequest($"Invalid patch operation specified. Must be 'replace' on '/remaining', got '{operation.Op}' on '{operation.Path}'");
            }
            if (!long.TryParse(operation.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > int.MaxValue)
            {
                throw ManagementException.BadRequest("Invalid remaining value specified. Must be a non-negative integer");
            }
            remaining = value;
        }
        if (remaining is null)
        {
            throw ManagementException.BadRequest("Missing patch operation: replace '/remaining'");
        }
        var plan = await UsagePlanLookup.RequireAsync(grains, usagePlanId);
        if (plan.Quota is null)
        {
            throw ManagementException.BadRequest($"Usage plan {plan.Id} has no quota to update");
        }
        await grains.GetGrain<IQuotaGrain>(IQuotaGrain.KeyOf(plan.Id, key)).SetRemaining(remaining.Value, plan.Quota);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var range = new UsageDateRange(today, today);
        var rows = await UsageReport.BuildAsync(grains, plan, range, key, now);
        return TypedResults.Json(UsageResponse.From(plan.Id, range, rows, null), UsageJson.Default.UsageResponse, "application/json");
    }
}

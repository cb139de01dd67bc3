using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Usage;

/// <summary>
/// Usage export (our extension, for billing): <c>GET /usageplans/{usagePlanId}/usage/export?startDate&amp;endDate&amp;keyId&amp;format=csv|json</c>,
/// one row per key per day: <c>keyId,date,used,remaining</c>. Not paged: the range is bounded to 90 days.
/// </summary>
internal static class ExportUsageEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/usageplans/{usagePlanId}/usage/export", Handle);

    private static async Task<IResult> Handle(
        string usagePlanId, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] TimeProvider clock)
    {
        var range = UsageDateRange.From(request);
        var format = request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "json";
        if (format is not ("csv" or "json"))
        {
            throw new ManagementException(ManagementErrorType.Validation, "Invalid format specified. Must be one of: csv, json");
        }
        var keyId = request.Query["keyId"].ToString() is { Length: > 0 } key ? UsagePlanLookup.KeyId(key) : null;
        var plan = await UsagePlanLookup.RequireAsync(grains, usagePlanId);
        var rows = (await UsageReport.BuildAsync(grains, plan, range, keyId, clock.GetUtcNow()))
            .OrderBy(r => r.KeyId, StringComparer.Ordinal).ThenBy(r => r.Day)
            .Select(r => new UsageExportRow(r.KeyId, UsageResponse.Format(r.Day), r.Used, r.Remaining))
            .ToList();
        if (format == "json")
        {
            var response = new UsageExportResponse(plan.Id, UsageResponse.Format(range.Start), UsageResponse.Format(range.End), rows);
            return TypedResults.Json(response, UsageJson.Default.UsageExportResponse, "application/json");
        }
        var csv = new StringBuilder("keyId,date,used,remaining\n");
        foreach (var row in rows)
        {
            // Key ids are [A-Za-z0-9_-] only, so no field needs quoting.
            csv.Append(CultureInfo.InvariantCulture, $"{row.KeyId},{row.Date},{row.Used},{row.Remaining}\n");
        }
        return TypedResults.Text(csv.ToString(), "text/csv", Encoding.UTF8);
    }
}

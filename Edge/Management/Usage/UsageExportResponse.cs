namespace OrleansGateway.Edge.Management.Usage;

/// <summary>The JSON usage export (our extension): one row per key per day.</summary>
internal sealed record UsageExportResponse(string UsagePlanId, string StartDate, string EndDate, IReadOnlyList<UsageExportRow> Rows);

/// <summary>One key's usage on one day.</summary>
internal sealed record UsageExportRow(string KeyId, string Date, long Used, long Remaining);

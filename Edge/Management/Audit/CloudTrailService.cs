using System.Text.Json;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// CloudTrail's JSON 1.1 API (service <c>cloudtrail</c>) on the management listener: LookupEvents over
/// the audit trail, newest first, scanning at most <see cref="AuditSettings.MaxScanPerLookup"/> records per call.
/// </summary>
internal sealed class CloudTrailService(AuditTrail trail, AuditSettings settings) : IAwsJsonService
{
    /// <summary>Records read from the store per round trip while scanning.</summary>
    private const int PageSize = 200;

    /// <summary>Calls from several edges can land slightly out of time order; scanning stops this far before StartTime.</summary>
    private static readonly TimeSpan OrderSlack = TimeSpan.FromMinutes(5);

    public string SigningName => "cloudtrail";

    public IReadOnlyList<string> TargetPrefixes { get; } = ["CloudTrail_20131101.", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."];

    public string ContentType => "application/x-amz-json-1.1";

    public async Task<object> HandleAsync(string operation, JsonElement input, HttpContext context)
    {
        if (operation != "LookupEvents")
        {
            throw new AwsJsonException("UnknownOperationException", $"Unknown operation {operation}");
        }
        var query = LookupEventsQuery.Read(input);
        var store = trail.Store;
        var count = await store.CountAsync(context.RequestAborted);
        var position = Math.Min(query.StartPosition ?? count - 1, count - 1);
        var events = new List<CloudTrailEventSummary>();
        var scanned = 0;
        while (position >= 0 && events.Count < query.MaxResults && scanned < settings.MaxScanPerLookup)
        {
            var from = Math.Max(0, position - PageSize + 1);
            var page = await store.ReadRecordsAsync(from, (int)(position - from + 1), context.RequestAborted);
            for (var i = page.Count - 1; i >= 0 && events.Count < query.MaxResults; i--)
            {
                scanned++;
                position = from + i - 1;
                var record = AuditRecordLine.TryParse(page[i]);
                if (record is null)
                {
                    continue;
                }
                if (query.StartTime is { } start && record.EventTime < start - OrderSlack)
                {
                    return new LookupEventsResponse(events, null);
                }
                if (query.Matches(record))
                {
                    events.Add(Summary(record));
                }
            }
            if (page.Count == 0)
            {
                break;
            }
        }
        return new LookupEventsResponse(events, position >= 0 ? LookupEventsQuery.EncodeToken(position) : null);
    }

    private static CloudTrailEventSummary Summary(AuditRecordLine record) => new(
        record.EventId,
        record.EventName,
        record.ReadOnly ? "true" : "false",
        record.AccessKeyId,
        record.EventTime.ToUnixTimeMilliseconds() / 1000.0,
        record.EventSource,
        record.UserName,
        [.. record.Resources.Select(r => new CloudTrailResource(r.Type, r.Name))],
        record.Body);
}

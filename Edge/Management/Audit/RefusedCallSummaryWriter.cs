using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Writes one <c>RefusedCallsSuppressed</c> record for each refused-call window that suppressed
/// calls, so the trail says how many unauthenticated calls it did not record one by one, and from where.
/// </summary>
internal sealed class RefusedCallSummaryWriter(RefusedCallLimiter limiter, AuditRecorder recorder, TimeSpan window, TimeProvider timeProvider) : BackgroundService
{
    /// <summary>The event name of a summary record.</summary>
    public const string EventName = "RefusedCallsSuppressed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Half a window: a summary is written at most one and a half windows after its calls.
        var period = TimeSpan.FromTicks(Math.Clamp(window.Ticks / 2, TimeSpan.FromMilliseconds(500).Ticks, TimeSpan.FromSeconds(30).Ticks));
        using var timer = new PeriodicTimer(period, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (limiter.TakeSummary() is { } summary)
            {
                await recorder.RecordAsync(Describe(summary), reserved: false);
            }
        }
    }

    private ManagementCall Describe(RefusedCallSummary summary)
    {
        var sources = new JsonArray();
        foreach (var (sourceIp, count) in summary.TopSources)
        {
            sources.Add(new JsonObject { ["sourceIPAddress"] = sourceIp, ["suppressed"] = count });
        }
        return new ManagementCall
        {
            EventId = Guid.NewGuid(),
            EventTime = summary.WindowEnd,
            EventSource = "apigateway.amazonaws.com",
            EventName = EventName,
            ReadOnly = true,
            IdentityType = "AWSService",
            AccessKeyId = "",
            UserName = "",
            SourceIpAddress = "gateway",
            Region = "",
            RequestParameters = new JsonObject
            {
                ["windowStart"] = summary.WindowStart.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["windowEnd"] = summary.WindowEnd.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["suppressed"] = summary.Suppressed,
                ["sourceCount"] = summary.SourceCount,
                ["topSources"] = sources,
            },
            StatusCode = 403,
            ErrorCode = "RefusedCallsSuppressed",
        };
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansGateway.Edge.DataPlane.GatewayResponses;

namespace OrleansGateway.Edge.Observability.Metrics;

/// <summary>
/// The gateway's own counters on the meter <c>OrleansGateway.Gateway</c>: throttle and quota
/// rejections per usage plan, authorizer cache hits and misses, dropped execution-log entries.
/// Static because they are counted from static and hot-path code that has no container at hand; a
/// meter is process-wide for its listeners either way. No label ever carries an API key or identity.
/// </summary>
public static class GatewayMetrics
{
    /// <summary>The meter's name, for exporters to subscribe to.</summary>
    public const string MeterName = "OrleansGateway.Gateway";

    private static readonly Meter s_meter = new(MeterName);

    private static readonly Counter<long> s_throttled = s_meter.CreateCounter<long>(
        "gateway.usage_plan.throttled", "{request}", "Requests refused 429 by a throttle (usage plan, stage method or account), by usage plan.");

    private static readonly Counter<long> s_quotaExceeded = s_meter.CreateCounter<long>(
        "gateway.usage_plan.quota_exceeded", "{request}", "Requests refused 429 because the key's quota was used up, by usage plan.");

    private static readonly Counter<long> s_authorizerCache = s_meter.CreateCounter<long>(
        "gateway.authorizer.cache", "{lookup}", "Authorizer results served from cache (result=hit) or computed (result=miss), by authorizer type.");

    private static readonly Counter<long> s_executionLogDropped = s_meter.CreateCounter<long>(
        "gateway.execution_log.dropped", "{entry}", "Execution-log entries dropped because the queue was full.");

    /// <summary>Counts a usage-plan middleware refusal; other response types are not rejections by a limit.</summary>
    internal static void LimitRefused(GatewayResponseType type, string? usagePlanId)
    {
        var counter = type switch
        {
            GatewayResponseType.Throttled => s_throttled,
            GatewayResponseType.QuotaExceeded => s_quotaExceeded,
            _ => null,
        };
        if (counter is { Enabled: true })
        {
            // Stage-method and account throttles refuse requests that no plan covers.
            counter.Add(1, new KeyValuePair<string, object?>("UsagePlanId", usagePlanId ?? "none"));
        }
    }

    /// <summary>Counts one authorizer decision as a cache hit or miss (<paramref name="authorizerType"/>: TOKEN, REQUEST, JWT, ...).</summary>
    internal static void AuthorizerLookup(string authorizerType, bool fromCache)
    {
        if (s_authorizerCache.Enabled)
        {
            var tags = new TagList { { "type", authorizerType }, { "result", fromCache ? "hit" : "miss" } };
            s_authorizerCache.Add(1, in tags);
        }
    }

    /// <summary>Counts one execution-log entry dropped at a full queue.</summary>
    internal static void ExecutionLogDropped() => s_executionLogDropped.Add(1);
}

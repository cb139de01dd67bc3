using Microsoft.Extensions.Options;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.WebSockets.Limits;

/// <summary>
/// API keys on <c>$connect</c> and the throttles and quota that then apply to each message, through
/// the same edge-side leases as REST requests (<see cref="IThrottleLeases"/>, <see cref="IQuotaLeases"/>):
/// tokens and quota units are spent locally with an atomic decrement, so a message makes no grain
/// call in the steady state. Order as API Gateway: the key's plan throttle, the stage's route
/// throttle, the account-level throttle (shared with REST requests: API Gateway's account limit
/// counts WebSocket messages and connects too), then the key's quota.
/// </summary>
internal sealed partial class WebSocketUsageLimits(
    ApiKeyResolver keys,
    UsagePlanTableStore plans,
    IThrottleLeases throttles,
    IQuotaLeases quotas,
    IUsageRecorder usage,
    IOptions<ThrottlingOptions> throttling,
    ILogger<WebSocketUsageLimits> logger)
{
    private readonly ThrottleSettings _account = new(throttling.Value.AccountRateLimit, throttling.Value.AccountBurstLimit);

    /// <summary>
    /// The plan of the enabled key <paramref name="value"/> that covers this API stage, or null (no
    /// key, unknown, disabled, in no plan for the stage, or the key lookup failed: all refused alike).
    /// </summary>
    public async ValueTask<ConnectionUsagePlan?> ResolveKeyAsync(string? value, string apiId, string stage)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        ApiKeyIdentity? identity;
        try
        {
            identity = await keys.ResolveAsync(value);
        }
        catch (Exception exception)
        {
            // The key's grain is unreachable: refuse rather than admit an unmetered connection.
            Log.KeyLookupFailed(logger, exception);
            return null;
        }
        return identity is { Enabled: true } key && plans.Current.Find(apiId, stage, key.UsagePlanIds) is { } plan
            ? new ConnectionUsagePlan(plan, key.KeyId)
            : null;
    }

    /// <summary>Spends one unit of every limit that applies to a message (or a <c>$connect</c>) on <paramref name="route"/>.</summary>
    public async ValueTask<UsageAdmission> TryAdmitAsync(ConnectionUsagePlan? key, CompiledWebSocketRoute? route, CancellationToken cancellationToken)
    {
        if (key is { Plan.Throttle: { } clientThrottle })
        {
            var decision = await throttles.TryTakeAsync(ThrottleKeys.Client(key.Plan.PlanId, key.KeyId), clientThrottle, cancellationToken);
            if (!decision.Allowed)
            {
                return new UsageAdmission(UsageAdmission.TooManyRequests);
            }
        }
        if (route?.Throttle is { } routeThrottle)
        {
            var decision = await throttles.TryTakeAsync(routeThrottle.BucketKey, routeThrottle.Settings, cancellationToken);
            if (!decision.Allowed)
            {
                return new UsageAdmission(UsageAdmission.TooManyRequests);
            }
        }
        if (!(await throttles.TryTakeAsync(ThrottleKeys.Account, _account, cancellationToken)).Allowed)
        {
            return new UsageAdmission(UsageAdmission.TooManyRequests);
        }
        if (key is { Plan.Quota: { } quota })
        {
            var decision = await quotas.TryTakeAsync(key.Plan.PlanId, key.KeyId, quota, cancellationToken);
            if (!decision.Allowed)
            {
                // An unreachable quota grain refuses (never over-admits); the frame cannot say more than a throttle would.
                return new UsageAdmission(decision.AuthorityUnreachable ? UsageAdmission.TooManyRequests : UsageAdmission.LimitExceeded);
            }
        }
        if (key is not null)
        {
            usage.Record(key.Plan.PlanId, key.KeyId);
        }
        return UsageAdmission.Admit;
    }

    private static partial class Log
    {
        [LoggerMessage(6161, LogLevel.Warning, "WebSocket $connect: API key lookup failed; the upgrade is refused")]
        public static partial void KeyLookupFailed(ILogger logger, Exception exception);
    }
}

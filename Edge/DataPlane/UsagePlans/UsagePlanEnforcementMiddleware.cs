using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.DataPlane.UsagePlans;

/// <summary>
/// API keys, the four throttle levels and quotas, in API Gateway's order: the key (only when the
/// method requires one) → per-client per-method → per-client → stage method → account → quota.
/// A request must pass every bucket that applies. Tokens and quota units come from leases the
/// edge holds; no remote call is made per request in the steady state.
/// </summary>
internal sealed partial class UsagePlanEnforcementMiddleware
{
    private const string ApiKeyHeader = "x-api-key";

    private readonly RequestDelegate _next;
    private readonly ApiKeyResolver _keys;
    private readonly UsagePlanTableStore _plans;
    private readonly IThrottleLeases _throttles;
    private readonly IQuotaLeases _quotas;
    private readonly IUsageRecorder _usage;
    private readonly ThrottleSettings _account;
    private readonly ILogger<UsagePlanEnforcementMiddleware> _logger;

    public UsagePlanEnforcementMiddleware(
        RequestDelegate next,
        ApiKeyResolver keys,
        UsagePlanTableStore plans,
        IThrottleLeases throttles,
        IQuotaLeases quotas,
        IUsageRecorder usage,
        IOptions<ThrottlingOptions> throttling,
        ILogger<UsagePlanEnforcementMiddleware> logger)
    {
        _next = next;
        _keys = keys;
        _plans = plans;
        _throttles = throttles;
        _quotas = quotas;
        _usage = usage;
        _account = new ThrottleSettings(throttling.Value.AccountRateLimit, throttling.Value.AccountBurstLimit);
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Features.GetRequiredFeature<ExecuteApiRequest>();
        var stage = request.Stage!;
        var method = request.Method!;
        var aborted = context.RequestAborted;

        PlanForStage? plan = null;
        string? keyId = null;
        if (method.Definition.ApiKeyRequired)
        {
            var value = stage.ApiKeyFromAuthorizer
                ? request.Authorizer?.UsageIdentifierKey
                : FirstValue(context.Request.Headers[ApiKeyHeader]);
            if (string.IsNullOrEmpty(value))
            {
                await context.WriteGatewayResponseAsync(GatewayResponseType.InvalidApiKey);
                return;
            }

            var identity = await ResolveAsync(value);
            if (identity is null)
            {
                await context.WriteGatewayResponseAsync(GatewayResponseType.ServiceUnavailable);
                return;
            }
            plan = identity.Value.Identity is { Enabled: true } key
                ? _plans.Current.Find(stage.ApiId, stage.StageName, key.UsagePlanIds)
                : null;
            if (plan is null)
            {
                // Unknown, disabled, or in no plan that covers this stage: all one answer, as in API Gateway.
                await context.WriteGatewayResponseAsync(GatewayResponseType.InvalidApiKey);
                return;
            }
            keyId = identity.Value.Identity!.KeyId;
            request.ApiKeyId = keyId;
            request.ApiKey = value;
            request.UsagePlanId = plan.PlanId;
        }

        // Throttles, narrowest first. The decision kept for the RateLimit headers is the client's
        // own bucket when there is one, else the stage method's.
        LimitDecision? shown = null;
        if (plan is not null)
        {
            if (plan.MethodThrottles.TryGetValue(method.PlanMethodKey, out var clientMethod))
            {
                var decision = await _throttles.TryTakeAsync(
                    ThrottleKeys.ClientMethod(plan.PlanId, keyId!, stage.ApiId, stage.StageName, method.PlanMethodKey), clientMethod, aborted);
                if (!decision.Allowed)
                {
                    await RejectAsync(context, GatewayResponseType.Throttled, decision, stage.RateLimitHeaders, plan, null);
                    return;
                }
                shown = decision;
            }
            if (plan.Throttle is { } clientThrottle)
            {
                var decision = await _throttles.TryTakeAsync(ThrottleKeys.Client(plan.PlanId, keyId!), clientThrottle, aborted);
                if (!decision.Allowed)
                {
                    await RejectAsync(context, GatewayResponseType.Throttled, decision, stage.RateLimitHeaders, plan, null);
                    return;
                }
                shown ??= (LimitDecision?)decision;
            }
        }
        if (method.StageThrottle is { } stageThrottle)
        {
            var decision = await _throttles.TryTakeAsync(stageThrottle.BucketKey, stageThrottle.Settings, aborted);
            if (!decision.Allowed)
            {
                await RejectAsync(context, GatewayResponseType.Throttled, decision, stage.RateLimitHeaders, plan, null);
                return;
            }
            shown ??= (LimitDecision?)decision;
        }
        var account = await _throttles.TryTakeAsync(ThrottleKeys.Account, _account, aborted);
        if (!account.Allowed)
        {
            await RejectAsync(context, GatewayResponseType.Throttled, account, stage.RateLimitHeaders, plan, null);
            return;
        }

        LimitDecision? quota = null;
        if (plan is { Quota: { } quotaSettings })
        {
            var decision = await _quotas.TryTakeAsync(plan.PlanId, keyId!, quotaSettings, aborted);
            if (!decision.Allowed)
            {
                // An unreachable quota grain refuses (never over-admits) but does not claim the quota is used up.
                await RejectAsync(context,
                    decision.AuthorityUnreachable ? GatewayResponseType.ServiceUnavailable : GatewayResponseType.QuotaExceeded,
                    decision, stage.RateLimitHeaders, plan, decision);
                return;
            }
            quota = decision;
        }
        if (plan is not null)
        {
            _usage.Record(plan.PlanId, keyId!);
        }

        if (stage.RateLimitHeaders && (shown is not null || quota is not null))
        {
            RateLimitHeaders.Add(context.Response.Headers, plan, shown, quota);
        }
        await _next(context);
    }

    private async ValueTask<ResolvedKey?> ResolveAsync(string value)
    {
        try
        {
            return new ResolvedKey(await _keys.ResolveAsync(value));
        }
        catch (Exception ex)
        {
            // The key's grain is unreachable: refuse rather than admit unmetered traffic.
            Log.KeyLookupFailed(_logger, ex);
            return null;
        }
    }

    private static Task RejectAsync(
        HttpContext context, GatewayResponseType type, LimitDecision decision, bool rateLimitHeaders, PlanForStage? plan, LimitDecision? quota)
    {
        Observability.Metrics.GatewayMetrics.LimitRefused(type, plan?.PlanId);
        return context.WriteGatewayResponseAsync(type, static (headers, state) =>
        {
            var (decision, showRateLimit, plan, quota) = state;
            // Beyond API Gateway, which sends no Retry-After: whole seconds, at least 1.
            var seconds = Math.Max(1, (long)Math.Ceiling(decision.RetryAfter.TotalSeconds));
            headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (showRateLimit)
            {
                RateLimitHeaders.Add(headers, plan, quota is null ? decision : null, quota);
            }
        }, (decision, rateLimitHeaders, plan, quota));
    }

    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values[0];

    private readonly record struct ResolvedKey(Grains.Interfaces.ApiKeys.ApiKeyIdentity? Identity);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "API key lookup failed; answering 503")]
        public static partial void KeyLookupFailed(ILogger logger, Exception exception);
    }
}

using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Observability.Tracing;

/// <summary>Wraps <see cref="IQuotaLeases"/>: a sampled request's quota take shows as a <c>quota</c> span.</summary>
internal sealed class TracedQuotaLeases(IQuotaLeases inner) : IQuotaLeases
{
    // async for the same reason as TracedThrottleLeases: the ended span must not stay current.
    public async ValueTask<LimitDecision> TryTakeAsync(string planId, string keyId, QuotaSettings quota, CancellationToken cancellationToken)
    {
        using var span = GatewayTracing.StartChild("quota");
        span?.SetTag("aws.apigateway.usage_plan_id", planId);
        var decision = await inner.TryTakeAsync(planId, keyId, quota, cancellationToken);
        span?.SetTag("limit.allowed", decision.Allowed);
        return decision;
    }
}

using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Observability.Tracing;

/// <summary>Wraps <see cref="IThrottleLeases"/>: a sampled request's token takes show as <c>throttle</c> spans.</summary>
internal sealed class TracedThrottleLeases(IThrottleLeases inner) : IThrottleLeases
{
    // async so the span, once ended, is no longer Activity.Current for the caller (the method's
    // execution context is restored on return); a synchronous completion allocates nothing.
    public async ValueTask<LimitDecision> TryTakeAsync(string bucketKey, ThrottleSettings settings, CancellationToken cancellationToken)
    {
        // Not tagged with the bucket key: client buckets name the API key's id.
        using var span = GatewayTracing.StartChild("throttle");
        var decision = await inner.TryTakeAsync(bucketKey, settings, cancellationToken);
        span?.SetTag("limit.allowed", decision.Allowed);
        return decision;
    }
}

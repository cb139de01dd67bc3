using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Records management calls the SigV4 middleware refused (missing, malformed or wrong signature,
/// unknown access key, body too large), after the refusal is answered. A flood is bounded by
/// <see cref="RefusedCallLimiter"/>: calls over its limits are counted, and summarised once per window.
/// Goes right before the SigV4 middleware.
/// </summary>
internal sealed class ManagementRefusalAuditMiddleware(
    RequestDelegate next,
    AuditRecorder recorder,
    RefusedCallLimiter limiter,
    AuditSettings settings,
    TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var time = timeProvider.GetUtcNow();
        await next(context);
        if (context.Features.Get<SigV4Refusal>() is not { } refusal)
        {
            return;
        }
        var sourceIp = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limiter.TryAdmit(sourceIp))
        {
            // No reservation: the call is already refused and answered; a full spool can only count it as lost.
            await recorder.RecordAsync(ManagementCallReader.DescribeRefused(context, refusal, settings, time), reserved: false);
        }
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Observability.ExecutionLogs;
using OrleansGateway.Edge.Observability.Metrics;
using OrleansGateway.Edge.Observability.Tracing;

namespace OrleansGateway.Edge.Observability;

/// <summary>
/// Right before the integration: an <c>integration</c> span (current while the backend is called,
/// so its <c>traceparent</c> names it as parent), the <c>IntegrationLatency</c> metric and, for
/// methods with an execution log, what the log needs about the backend exchange.
/// </summary>
internal sealed class IntegrationObservationMiddleware(RequestDelegate next, ApiGatewayMetrics metrics, IOptions<ObservabilityOptions> options)
{
    private readonly int _maxBodyBytes = options.Value.ExecutionLogs.MaxBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Features.Get<ExecuteApiRequest>();
        if (request?.Method is not { } method)
        {
            return next(context);
        }
        return ObserveAsync(context, request, method.Observability);
    }

    private async Task ObserveAsync(HttpContext context, ExecuteApiRequest request, MethodObservability settings)
    {
        ObservedIntegration? observed = null;
        if (settings.LogLevel != ExecutionLogLevel.Off)
        {
            observed = new ObservedIntegration();
            context.Features.Set(observed);
            if (settings.DataTrace)
            {
                context.Request.EnableBuffering(DataPlane.InputLimits.BodyBuffering.MemoryThreshold);
                observed.RequestBodyBuffered = true;
                observed.ResponseCapture = new BodyCaptureStream(context.Response.Body, _maxBodyBytes);
                context.Response.Body = observed.ResponseCapture;
            }
        }

        using var span = GatewayTracing.StartStage("integration", request, ActivityKind.Client);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            metrics.IntegrationCompleted(request, elapsed);
            if (observed is not null)
            {
                observed.LatencyMilliseconds = elapsed;
                observed.EndpointUri = request.Exchange is { } sent ? SecretMasking.Uri(sent.Destination.OriginalString) : null;
                if (observed.ResponseCapture is { } capture)
                {
                    context.Response.Body = capture.Inner;
                }
            }
            if (span is not null && request.Exchange is { HeadersReceived: true } exchange)
            {
                span.SetTag("http.response.status_code", exchange.BackendStatus);
            }
        }
    }
}

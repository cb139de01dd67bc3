using System.Diagnostics;
using System.Text;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Observability.ExecutionLogs;
using OrleansGateway.Edge.Observability.Metrics;

namespace OrleansGateway.Edge.Observability;

/// <summary>
/// Outermost data-plane stage: when a request that matched a stage completes, records API
/// Gateway's request metrics (<see cref="ApiGatewayMetrics"/>) and, for methods whose stage
/// settings ask for it, queues the execution log entry. Requests for unknown APIs or stages have
/// no API to be counted under, as in API Gateway.
/// </summary>
internal sealed class ApiObservabilityMiddleware(RequestDelegate next, ApiGatewayMetrics metrics, ExecutionLogQueue executionLogs)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            if (context.Features.Get<ExecuteApiRequest>() is { Stage: not null } request)
            {
                // An exception escaping the pipeline becomes a 500 from the server unless the response had started.
                var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
                var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (metrics.Enabled)
                {
                    metrics.RequestCompleted(request, status, latency);
                }
                if (request.Method is { Observability.LogLevel: not ExecutionLogLevel.Off } method
                    && (method.Observability.LogLevel == ExecutionLogLevel.Info || status >= StatusCodes.Status400BadRequest))
                {
                    executionLogs.Enqueue(await EntryAsync(context, request, method.Observability, status, latency));
                }
            }
        }
    }

    private static async Task<ExecutionLogEntry> EntryAsync(
        HttpContext context, ExecuteApiRequest request, MethodObservability settings, int status, double latency)
    {
        var observed = context.Features.Get<ObservedIntegration>();
        ExecutionDataTrace? data = null;
        if (settings.DataTrace)
        {
            var (requestBody, requestTruncated) = await RequestBodyAsync(context, observed);
            var capture = observed?.ResponseCapture;
            data = new ExecutionDataTrace(
                SecretMasking.Headers(context.Request.Headers), requestBody, requestTruncated,
                SecretMasking.Headers(context.Response.Headers),
                capture is null ? null : Encoding.UTF8.GetString(capture.Captured), capture?.Truncated ?? false);
            capture?.Dispose();
        }
        return new ExecutionLogEntry(
            request.ApiId, request.StageName, request.RequestId, request.ExtendedRequestId, request.RequestTime,
            context.Request.Method, request.ResourcePath, new Dictionary<string, string>(request.PathParameters),
            SecretMasking.Query(context.Request.Query), status,
            request.ErrorType?.ToString(), request.ErrorMessage, observed?.EndpointUri, observed?.LatencyMilliseconds, latency, data);
    }

    /// <summary>The part of the request body the pipeline read (at most the limit), read back from the buffer.</summary>
    private static async Task<(string? Body, bool Truncated)> RequestBodyAsync(HttpContext context, ObservedIntegration? observed)
    {
        var body = context.Request.Body;
        if (observed is not { RequestBodyBuffered: true } || !body.CanSeek || body.Position == 0)
        {
            return (null, false);
        }
        var read = body.Position;
        var limit = (int)Math.Min(read, observed.ResponseCapture?.Limit ?? 0);
        var buffer = new byte[limit];
        body.Position = 0;
        await body.ReadAtLeastAsync(buffer, limit, throwOnEndOfStream: false);
        return (Encoding.UTF8.GetString(buffer), read > limit);
    }
}

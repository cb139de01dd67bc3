using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>
/// Writes the stage's access-log line for every data-plane request that matched a stage, whatever
/// answered it: the integration, an authorizer, a usage plan or a gateway error (even an unknown
/// resource of a known stage). It wraps routing, so it sees the request's final status and body
/// length; the line is queued, never written on the request path.
/// </summary>
internal sealed class AccessLogMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AccessLogQueue _queue;
    private readonly bool _enabled;
    private readonly string _accountId;

    public AccessLogMiddleware(RequestDelegate next, AccessLogQueue queue, AccessLogDestinations destinations, IOptions<GatewayOptions> gateway)
    {
        _next = next;
        _queue = queue;
        _enabled = destinations.Any;
        _accountId = gateway.Value.AccountId;
    }

    public Task InvokeAsync(HttpContext context) =>
        // With no destination configured no line could go anywhere: requests pay nothing.
        _enabled ? LogAsync(context) : _next(context);

    private async Task LogAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var counter = ResponseBodyCounter.Install(context);
        var failed = false;
        try
        {
            await _next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            counter.Uninstall(context);
            if (context.Features.Get<ExecuteApiRequest>() is { Stage.AccessLog: { } log } request)
            {
                // An exception escaping the pipeline becomes a 500 from the server unless the response had started.
                var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
                var facts = new AccessLogFacts(context, request, status, counter.BytesWritten,
                    (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, _accountId);
                _queue.Enqueue(new AccessLogLine(log.LogGroupName, log.Format.Render(facts)));
            }
        }
    }
}

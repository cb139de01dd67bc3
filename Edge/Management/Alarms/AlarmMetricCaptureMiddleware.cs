using System.Diagnostics;
using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.Management.Alarms;

/// <summary>Counts each data-plane request that reached a stage into <see cref="AlarmMetricRecorder"/> once it is answered.</summary>
internal sealed class AlarmMetricCaptureMiddleware(RequestDelegate next, AlarmMetricRecorder recorder, Microsoft.Extensions.Options.IOptions<AlarmOptions> options)
{
    private readonly bool _enabled = !options.Value.UsesMeter;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_enabled)
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var status = 0;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch
        {
            // An exception that escapes the pipeline is answered 500 by the server.
            status = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            if (context.Features.Get<ExecuteApiRequest>() is { ApiId.Length: > 0 } request)
            {
                recorder.Record(request.ApiId, request.StageName, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }
}

using System.Runtime.ExceptionServices;
using OrleansGateway.Edge.Http;
using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Records every authenticated management call in the audit trail before the caller sees the answer:
/// the answer is buffered, the record appended (acknowledged by the store), then the answer sent. Also
/// serves the AWS JSON-protocol services (CloudTrail, …) at <c>POST /</c> by signing service.
/// </summary>
internal sealed partial class ManagementAuditMiddleware(
    RequestDelegate next,
    AuditRecorder recorder,
    AuditSettings settings,
    IEnumerable<IAwsJsonService> jsonServices,
    IEnumerable<IManagementCallListener> listeners,
    TimeProvider timeProvider,
    ILogger<ManagementAuditMiddleware> logger)
{
    private readonly Dictionary<string, IAwsJsonService> _jsonServices = jsonServices.ToDictionary(s => s.SigningName, StringComparer.Ordinal);
    private readonly IManagementCallListener[] _listeners = [.. listeners];

    public async Task InvokeAsync(HttpContext context)
    {
        var caller = context.Features.Get<ISigV4CallerFeature>()?.Caller;
        if (caller is null)
        {
            // Unsigned or rejected calls never reach here: the SigV4 middleware answered them.
            await next(context);
            return;
        }
        // Fail closed: a call whose record could be kept neither in the store nor in the spool is
        // refused before it runs, rather than run unaudited.
        if (!recorder.TryReserve())
        {
            AuditMetrics.SpoolFullRefusal();
            Log.RefusedSpoolFull(logger, context.Request.Method, context.Request.Path);
            await AwsErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailableException",
                "The audit trail cannot record calls right now; try again later.");
            return;
        }
        var time = timeProvider.GetUtcNow();
        byte[] requestBody;
        long requestLength;
        try
        {
            (requestBody, requestLength) = await ReadRequestAsync(context.Request, settings.MaxParameterBytes, context.RequestAborted);
        }
        catch
        {
            // The caller went away before anything ran: nothing to record, give the room back.
            recorder.Release();
            throw;
        }

        var original = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        ExceptionDispatchInfo? failure = null;
        try
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/" && _jsonServices.TryGetValue(caller.Service, out var service))
            {
                await AwsJsonEndpoint.HandleAsync(context, service);
            }
            else
            {
                await next(context);
            }
        }
        catch (Exception e)
        {
            // Recorded even when the caller hung up mid-call: the handler may have changed something.
            failure = ExceptionDispatchInfo.Capture(e);
            if (!context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
        finally
        {
            context.Response.Body = original;
        }

        var call = ManagementCallReader.Describe(context, caller, settings, time, requestBody, requestLength, answer);
        await recorder.RecordAsync(call, reserved: true);
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.OnCallAsync(call, context.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ListenerFailed(logger, listener.GetType().Name, call.EventName, e);
            }
        }

        failure?.Throw();
        if (answer.Length > 0)
        {
            answer.Position = 0;
            await answer.CopyToAsync(original, context.RequestAborted);
        }
    }

    /// <summary>Reads at most <paramref name="max"/> + 1 bytes of the (already buffered) body and rewinds it.</summary>
    private static async Task<(byte[] Body, long Length)> ReadRequestAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (!request.Body.CanSeek)
        {
            request.EnableBuffering();
        }
        var buffer = new byte[(int)Math.Min(max + 1L, (request.ContentLength ?? max) + 1)];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        long total = length;
        if (length == buffer.Length)
        {
            total = request.ContentLength ?? request.Body.Length;
        }
        request.Body.Position = 0;
        return (buffer[..length], total);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7110, Level = LogLevel.Warning, Message = "Refused management call {Method} {Path}: the audit spool is full.")]
        public static partial void RefusedSpoolFull(ILogger logger, string method, PathString path);

        [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Management call listener {Listener} failed on {EventName}.")]
        public static partial void ListenerFailed(ILogger logger, string listener, string eventName, Exception exception);
    }
}

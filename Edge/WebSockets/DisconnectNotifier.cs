using OrleansGateway.Edge.WebSockets.Integrations;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets;

/// <summary>Fires the <c>$disconnect</c> route for a closed connection: best-effort, never throws, as API Gateway documents.</summary>
internal static class DisconnectNotifier
{
    /// <summary>Calls the stage's <c>$disconnect</c> integration, if it has one, and writes the stage's DISCONNECT access-log line.</summary>
    public static async Task FireAsync(
        WebSocketRouteTable routes, WebSocketIntegrationInvoker integrations, WebSocketConnectionInfo info, int statusCode, string reason,
        string? authorizerContextJson = null, AccessLogs.WebSocketAccessLog? accessLog = null, string? apiKeyId = null)
    {
        if (routes.Find(info.ApiId) is not { } api || !api.Stages.TryGetValue(info.Stage, out var stage))
        {
            return;
        }
        var requestId = Guid.NewGuid().ToString();
        var requestTime = DateTimeOffset.UtcNow;
        var route = stage.Find("$disconnect");
        var status = StatusCodes.Status200OK;
        long? latency = null;
        if (route is not null)
        {
            var e = new WebSocketEvent(info, "$disconnect", "DISCONNECT", requestId, null, ReadOnlyMemory<byte>.Empty, authorizerContextJson,
                DisconnectStatusCode: statusCode, DisconnectReason: reason);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var result = await integrations.InvokeAsync(route.Integration, e, CancellationToken.None);
                status = result.Succeeded ? StatusCodes.Status200OK : result.Unreachable ? StatusCodes.Status500InternalServerError : result.StatusCode;
            }
            catch (Exception)
            {
                // Best-effort by definition: the invoker already logged what it could.
                status = StatusCodes.Status500InternalServerError;
            }
            latency = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        accessLog?.Write(stage, new AccessLogs.WebSocketAccessLogEntry(
            info, "DISCONNECT", route?.Key ?? "$disconnect", requestId, null, status, requestTime, latency,
            AuthorizerContextJson: authorizerContextJson, ApiKeyId: apiKeyId));
    }
}

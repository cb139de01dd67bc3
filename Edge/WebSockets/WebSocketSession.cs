using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Connections;
using OrleansGateway.Edge.WebSockets.Connections;
using OrleansGateway.Edge.WebSockets.Integrations;
using OrleansGateway.Edge.WebSockets.Routing;

namespace OrleansGateway.Edge.WebSockets;

/// <summary>
/// The receive loop of one accepted connection: reads each message (bounded), selects its route,
/// calls the integration and, for two-way routes, sends the answer back. Messages of one
/// connection are handled in order, one at a time, which bounds what a single client can load.
/// </summary>
internal sealed partial class WebSocketSession(
    WebSocketRouteTable routes,
    WebSocketIntegrationInvoker integrations,
    WebSocketMetrics metrics,
    Limits.WebSocketUsageLimits limits,
    AccessLogs.WebSocketAccessLog accessLog,
    IOptions<WebSocketApiOptions> options,
    ILogger<WebSocketSession> logger)
{
    private const int InitialBufferBytes = 4 * 1024;

    /// <summary>Runs until the connection closes; returns the close code and reason to report to <c>$disconnect</c>.</summary>
    public async Task<(int StatusCode, string Reason)> RunAsync(WebSocketConnection connection, CancellationToken cancellationToken)
    {
        var socket = connection.Socket;
        var limits = options.Value;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                // A zero-byte read waits for the next frame without holding a buffer: idle connections keep none.
                var first = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
                try
                {
                    var (length, type, tooBig) = first.EndOfMessage
                        ? (0, first.MessageType, false)
                        : await ReadMessageAsync(socket, buffer, limits.MaxMessageBytes, b => buffer = b, cancellationToken);
                    if (type == WebSocketMessageType.Close)
                    {
                        break;
                    }
                    if (tooBig)
                    {
                        metrics.ClientError(connection.Info.ApiId, connection.Info.Stage);
                        await connection.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big");
                        await DrainUntilCloseAsync(socket, cancellationToken);
                        break;
                    }
                    if (type == WebSocketMessageType.Binary)
                    {
                        metrics.ClientError(connection.Info.ApiId, connection.Info.Stage);
                        await connection.CloseAsync(WebSocketCloseStatus.InvalidMessageType, "Binary frames are not supported");
                        await DrainUntilCloseAsync(socket, cancellationToken);
                        break;
                    }
                    connection.Touch();
                    if (OverRate(connection, limits.MaxMessagesPerSecondPerConnection))
                    {
                        metrics.ClientError(connection.Info.ApiId, connection.Info.Stage);
                        await connection.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Too many messages");
                        await DrainUntilCloseAsync(socket, cancellationToken);
                        break;
                    }
                    await HandleMessageAsync(connection, buffer.AsMemory(0, length), cancellationToken);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // The client vanished without a close frame: 1006 below.
        }

        if (connection.Frames is { Refused: true })
        {
            // The stream already sent close 1009 and waited for the client's close.
            metrics.ClientError(connection.Info.ApiId, connection.Info.Stage);
            return ((int)WebSocketCloseStatus.MessageTooBig, Frames.FrameLimitingStream.Reason);
        }
        if (connection.GatewayClose is { } gatewayClose)
        {
            return ((int)gatewayClose.Status, gatewayClose.Reason);
        }
        if (socket.State == WebSocketState.CloseReceived)
        {
            await connection.CloseAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty);
        }
        return socket.CloseStatus is { } status ? ((int)status, socket.CloseStatusDescription ?? string.Empty) : (1006, "Connection closed abnormally");
    }

    /// <summary>
    /// The rest of the closing handshake after the gateway sent its close frame: what the client still
    /// sends is read and dropped until its own close frame arrives, for a bounded time. Closing the
    /// socket with unread bytes (the rest of a flood, of an oversized message) makes the kernel send
    /// a reset, and the client would see 1006 instead of the close code it was sent.
    /// </summary>
    private static async Task DrainUntilCloseAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linger.CancelAfter(TimeSpan.FromSeconds(2));
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        try
        {
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), linger.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // The client went away or never answered: the connection is ending either way.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the rest of a message into a pooled buffer that grows up to the limit; tooBig once it passes it.</summary>
    private static async Task<(int Length, WebSocketMessageType Type, bool TooBig)> ReadMessageAsync(
        WebSocket socket, byte[] buffer, int maxMessageBytes, Action<byte[]> replaced, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxMessageBytes)
                {
                    return (length, WebSocketMessageType.Text, true);
                }
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageBytes + 1));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
                replaced(buffer);
            }
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (0, WebSocketMessageType.Close, false);
            }
            length += result.Count;
            if (length > maxMessageBytes)
            {
                return (length, result.MessageType, true);
            }
            if (result.EndOfMessage)
            {
                return (length, result.MessageType, false);
            }
        }
    }

    private static bool OverRate(WebSocketConnection connection, int maxPerSecond)
    {
        if (maxPerSecond <= 0)
        {
            return false;
        }
        var second = Environment.TickCount64 / 1000;
        if (connection.RateWindow != second)
        {
            connection.RateWindow = second;
            connection.RateCount = 0;
        }
        return ++connection.RateCount > maxPerSecond;
    }

    private async Task HandleMessageAsync(WebSocketConnection connection, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var info = connection.Info;
        metrics.Message(info.ApiId, info.Stage);
        var api = routes.Find(info.ApiId) ?? connection.Api;
        var requestId = Guid.NewGuid().ToString();
        var requestTime = DateTimeOffset.UtcNow;
        var messageId = MessageIds.Next();
        api.Stages.TryGetValue(info.Stage, out var stage);
        CompiledWebSocketRoute? route = null;
        long? latency = null;
        void LogLine(int status, string? error) => accessLog.Write(stage, new AccessLogs.WebSocketAccessLogEntry(
            connection.Snapshot(), "MESSAGE", route?.Key, requestId, messageId, status, requestTime, latency, error,
            connection.AuthorizerContextJson, connection.UsagePlan?.KeyId));

        if (stage is null)
        {
            await SendErrorAsync(connection, "Forbidden", requestId, cancellationToken);
            return;
        }
        var key = stage.Selection?.Select(message.Span, options.Value.MaxJsonDepth);
        // Custom keys cannot start with '$': a message cannot select $connect or $disconnect.
        route = key is { Length: > 0 } && key[0] != '$' ? stage.Find(key) : null;
        route ??= stage.Find("$default");
        if (route is null)
        {
            metrics.ClientError(info.ApiId, info.Stage);
            LogLine(StatusCodes.Status403Forbidden, "Forbidden");
            await SendErrorAsync(connection, "Forbidden", requestId, cancellationToken);
            return;
        }
        var admission = await limits.TryAdmitAsync(connection.UsagePlan, route, cancellationToken);
        if (!admission.Allowed)
        {
            // Throttled or over quota: an error frame, and the connection stays open (as API Gateway).
            metrics.ClientError(info.ApiId, info.Stage);
            LogLine(StatusCodes.Status429TooManyRequests, admission.RefusalMessage);
            await SendErrorAsync(connection, admission.RefusalMessage!, requestId, cancellationToken);
            return;
        }
        var e = new WebSocketEvent(connection.Snapshot(), route.Key, "MESSAGE", requestId, messageId, message, connection.AuthorizerContextJson);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await integrations.InvokeAsync(route.Integration, e, cancellationToken);
        latency = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!result.Succeeded)
        {
            metrics.IntegrationError(info.ApiId, info.Stage);
            if (result.Unreachable)
            {
                metrics.ExecutionError(info.ApiId, info.Stage);
            }
            Log.MessageFailed(logger, info.ApiId, route.Key, result.StatusCode);
            LogLine(StatusCodes.Status500InternalServerError, "Internal server error");
            await SendErrorAsync(connection, "Internal server error", requestId, cancellationToken);
            return;
        }
        LogLine(StatusCodes.Status200OK, null);
        if (route.TwoWay && result.Body.Length > 0)
        {
            metrics.Message(info.ApiId, info.Stage);
            await connection.SendAsync(result.Body, cancellationToken);
        }
    }

    /// <summary>API Gateway's error frame: <c>{"message": "...", "connectionId": "...", "requestId": "..."}</c>.</summary>
    private static Task<bool> SendErrorAsync(WebSocketConnection connection, string message, string requestId, CancellationToken cancellationToken)
    {
        var frame = $$"""{"message": "{{message}}", "connectionId":"{{connection.Info.ConnectionId}}", "requestId":"{{requestId}}"}""";
        return connection.SendAsync(Encoding.UTF8.GetBytes(frame), cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(6111, LogLevel.Information, "WebSocket API {ApiId} route {RouteKey}: integration answered {StatusCode}; error frame sent")]
        public static partial void MessageFailed(ILogger logger, string apiId, string routeKey, int statusCode);
    }
}

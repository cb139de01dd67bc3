using System.Net.WebSockets;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Connections;

/// <summary>
/// One open client connection. Kept small: no timer, no buffer of its own while idle (the shared
/// sweep enforces the idle and duration limits; receive buffers are rented per message).
/// </summary>
internal sealed class WebSocketConnection(
    WebSocket socket, WebSocketConnectionInfo info, CompiledWebSocketApi api, string? authorizerContextJson)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private long _lastActiveTicks = Environment.TickCount64;
    private int _closeRequested;

    /// <summary>The client socket.</summary>
    public WebSocket Socket { get; } = socket;

    /// <summary>What the cluster knows of the connection (id, API, stage, connectedAt, identity).</summary>
    public WebSocketConnectionInfo Info { get; } = info;

    /// <summary>The API as it was when the client connected; messages use the stage's current config.</summary>
    public CompiledWebSocketApi Api { get; } = api;

    /// <summary>The authorizer's context as JSON (passed to every integration call), if an authorizer ran.</summary>
    public string? AuthorizerContextJson { get; } = authorizerContextJson;

    /// <summary>The API key and usage plan its <c>$connect</c> presented (when the route required one): messages spend its limits.</summary>
    public Limits.ConnectionUsagePlan? UsagePlan { get; init; }

    /// <summary>The frame-limiting stream under the socket (HTTP/1.1 upgrades); it ends the connection with 1009 on an oversized frame.</summary>
    public Frames.FrameLimitingStream? Frames { get; init; }

    /// <summary>Environment.TickCount64 when the connection opened.</summary>
    public long OpenedTicks { get; } = Environment.TickCount64;

    /// <summary>Environment.TickCount64 of the last message either way.</summary>
    public long LastActiveTicks => Volatile.Read(ref _lastActiveTicks);

    /// <summary>Counter for the per-connection message rate limit: the second it counts and the count.</summary>
    public long RateWindow { get; set; }

    /// <summary>Messages received in <see cref="RateWindow"/>.</summary>
    public int RateCount { get; set; }

    /// <summary>Close code and reason the gateway chose (reported to $disconnect); null when the client closed.</summary>
    public (WebSocketCloseStatus Status, string Reason)? GatewayClose { get; private set; }

    /// <summary>True once the gateway started closing it: @connections then treats it as gone, as API Gateway does.</summary>
    public bool IsClosing => Volatile.Read(ref _closeRequested) == 1 || Frames is { Refused: true };

    /// <summary>Marks activity now.</summary>
    public void Touch() => Volatile.Write(ref _lastActiveTicks, Environment.TickCount64);

    /// <summary>The connection's info with its current last-active time.</summary>
    public WebSocketConnectionInfo Snapshot() =>
        Info with { LastActiveAt = DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(Environment.TickCount64 - LastActiveTicks) };

    /// <summary>Sends one text message; false when the socket is no longer open.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (Socket.State != WebSocketState.Open)
            {
                return false;
            }
            await Socket.SendAsync(data, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            Touch();
            return true;
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Starts a close handshake with <paramref name="status"/> (once); the receive loop ends when it completes.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1)
        {
            return;
        }
        GatewayClose = (status, reason);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _sendLock.WaitAsync(timeout.Token);
            try
            {
                if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await Socket.CloseOutputAsync(status, reason, timeout.Token);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Socket.Abort();
        }
    }
}

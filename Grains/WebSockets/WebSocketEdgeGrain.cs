using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Grains.WebSockets;

/// <summary>
/// An edge's lease and its connection list (soft state: the edge re-sends the full list when a new
/// activation asks). Reentrant: deliveries to the edge's observer run concurrently, and the state
/// they touch is only read between awaits.
/// </summary>
[Reentrant]
public sealed partial class WebSocketEdgeGrain(TimeProvider clock, ILogger<WebSocketEdgeGrain> logger) : Grain, IWebSocketEdgeGrain
{
    /// <summary>An edge renews every few seconds; one that has not renewed for this long is dead.</summary>
    internal static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A call to a dead edge's observer would wait for Orleans' response timeout (30 s). Past this
    /// bound the caller gets a TimeoutException (a 5xx, not a false 410: the edge may only be slow);
    /// the lease decides when the connections are gone.
    /// </summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, WebSocketConnectionInfo> _connections = new(StringComparer.Ordinal);
    private string? _edgeId;
    private IWebSocketEdgeObserver? _observer;
    private DateTimeOffset _expiresAt;
    private bool _haveFullList;
    private IGrainTimer? _sweep;

    /// <inheritdoc />
    public Task<bool> Renew(string edgeId, IWebSocketEdgeObserver observer, Immutable<WebSocketConnectionChanges> changes)
    {
        var delta = changes.Value;
        if (delta.Full)
        {
            _connections.Clear();
            _haveFullList = true;
        }
        foreach (var opened in delta.Opened)
        {
            _connections[opened.ConnectionId] = opened;
        }
        foreach (var closed in delta.Closed)
        {
            _connections.Remove(closed);
        }
        _edgeId = edgeId;
        _observer = observer;
        _expiresAt = clock.GetUtcNow() + LeaseLifetime;
        // KeepAlive: the sweep must run after the edge stops calling, which is exactly when nothing else would.
        _sweep ??= this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(SweepInterval, SweepInterval) { KeepAlive = true, Interleave = true });
        return Task.FromResult(!_haveFullList);
    }

    /// <inheritdoc />
    public Task Release(string edgeId)
    {
        if (_edgeId == edgeId)
        {
            Forget();
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> Post(string connectionId, Immutable<byte[]> data)
    {
        var observer = LiveObserver();
        if (observer is null)
        {
            return false;
        }
        try
        {
            return await observer.Post(connectionId, data).WaitAsync(DeliveryTimeout);
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            // The edge's client is known to be gone (not merely slow): so are its connections.
            Log.DeliveryFailed(logger, ex, _edgeId);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<WebSocketConnectionInfo?> GetConnection(string connectionId)
    {
        var observer = LiveObserver();
        if (observer is null)
        {
            return null;
        }
        try
        {
            return await observer.GetConnection(connectionId).WaitAsync(DeliveryTimeout);
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            Log.DeliveryFailed(logger, ex, _edgeId);
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<bool> Close(string connectionId)
    {
        var observer = LiveObserver();
        if (observer is null)
        {
            return false;
        }
        try
        {
            return await observer.Close(connectionId).WaitAsync(DeliveryTimeout);
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            Log.DeliveryFailed(logger, ex, _edgeId);
            return false;
        }
    }

    private IWebSocketEdgeObserver? LiveObserver() =>
        _observer is not null && clock.GetUtcNow() <= _expiresAt ? _observer : null;

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (_observer is null || clock.GetUtcNow() <= _expiresAt)
        {
            return;
        }
        var edgeId = _edgeId!;
        var orphans = _connections.Values.ToList();
        Forget();
        Log.EdgeLapsed(logger, edgeId, orphans.Count);
        var catalog = GrainFactory.GetGrain<IWebSocketCatalogGrain>(IWebSocketCatalogGrain.Key);
        await catalog.Unsubscribe(edgeId);
        // Batches bound the size of one message; each goes to a live edge that fires the $disconnect calls.
        foreach (var batch in orphans.Chunk(1000))
        {
            await catalog.DispatchDisconnects(new Immutable<IReadOnlyList<WebSocketConnectionInfo>>(batch));
        }
    }

    private void Forget()
    {
        _observer = null;
        _edgeId = null;
        _connections.Clear();
        _haveFullList = false;
        _sweep?.Dispose();
        _sweep = null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "WebSocket edge {EdgeId} lease lapsed: {Count} connections declared gone, $disconnect handed to a live edge")]
        public static partial void EdgeLapsed(ILogger logger, string edgeId, int count);

        [LoggerMessage(2, LogLevel.Debug, "Delivery to WebSocket edge {EdgeId} failed")]
        public static partial void DeliveryFailed(ILogger logger, Exception exception, string? edgeId);
    }
}

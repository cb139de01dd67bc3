using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Grains.WebSockets;

/// <summary>
/// Every WebSocket API's serving version and the live edges to tell. Edge registrations are soft
/// state refreshed every few seconds, as in the REST catalog, so they come back after a silo loss.
/// </summary>
public sealed partial class WebSocketCatalogGrain(
    [PersistentState("wscatalog", GrainStorage.Name)] IPersistentState<WebSocketCatalogState> state,
    TimeProvider clock,
    ILogger<WebSocketCatalogGrain> logger) : Grain, IWebSocketCatalogGrain
{
    /// <summary>How long an edge registration lives without a refresh.</summary>
    internal static readonly TimeSpan RegistrationLifetime = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, Registration> _edges = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task Publish(string apiId, long version)
    {
        if (state.State.Versions.TryGetValue(apiId, out var known) && known >= version)
        {
            return;
        }
        state.State.Versions[apiId] = version;
        await state.WriteStateAsync();
        Notify(observer => observer.OnApiChanged(apiId, version));
    }

    /// <inheritdoc />
    public async Task Remove(string apiId, long version)
    {
        if (state.State.Versions.Remove(apiId))
        {
            await state.WriteStateAsync();
        }
        Notify(observer => observer.OnApiChanged(apiId, version));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListApis()
    {
        IReadOnlyList<string> ids = state.State.Versions.Keys.Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(ids);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> Subscribe(string edgeId, IWebSocketEdgeObserver observer)
    {
        _edges[edgeId] = new Registration(observer, clock.GetUtcNow() + RegistrationLifetime);
        IReadOnlyDictionary<string, long> versions = new Dictionary<string, long>(state.State.Versions);
        return Task.FromResult(versions);
    }

    /// <inheritdoc />
    public Task Unsubscribe(string edgeId)
    {
        _edges.Remove(edgeId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DispatchDisconnects(Immutable<IReadOnlyList<WebSocketConnectionInfo>> connections)
    {
        var live = LiveEdges();
        if (live.Count == 0 || connections.Value.Count == 0)
        {
            Log.DisconnectsDropped(logger, connections.Value.Count);
            return Task.CompletedTask;
        }
        var (edgeId, registration) = live[Random.Shared.Next(live.Count)];
        _ = PushAsync(edgeId, registration.Observer, observer => observer.FireDisconnects(connections));
        return Task.CompletedTask;
    }

    /// <summary>Pushes without awaiting: a dead edge must not hold up a management call.</summary>
    private void Notify(Func<IWebSocketEdgeObserver, Task> push)
    {
        foreach (var (edgeId, registration) in LiveEdges())
        {
            _ = PushAsync(edgeId, registration.Observer, push);
        }
    }

    private List<(string EdgeId, Registration Registration)> LiveEdges()
    {
        var now = clock.GetUtcNow();
        var live = new List<(string, Registration)>(_edges.Count);
        foreach (var (edgeId, registration) in _edges.ToList())
        {
            if (registration.ExpiresAt < now)
            {
                _edges.Remove(edgeId);
                continue;
            }
            live.Add((edgeId, registration));
        }
        return live;
    }

    private async Task PushAsync(string edgeId, IWebSocketEdgeObserver observer, Func<IWebSocketEdgeObserver, Task> push)
    {
        try
        {
            await push(observer);
        }
        catch (Exception ex)
        {
            Log.PushFailed(logger, ex, edgeId);
        }
    }

    private sealed record Registration(IWebSocketEdgeObserver Observer, DateTimeOffset ExpiresAt);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Push to edge {EdgeId} failed; it catches up on its next refresh")]
        public static partial void PushFailed(ILogger logger, Exception exception, string edgeId);

        [LoggerMessage(2, LogLevel.Warning, "No live edge to fire $disconnect for {Count} connections of a dead edge")]
        public static partial void DisconnectsDropped(ILogger logger, int count);
    }
}

using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Configuration;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Grains.WebSockets;

/// <summary>
/// Every WebSocket API's serving version and the live edges to tell, registered as in the REST
/// catalog (<see cref="EdgeRegistrations{TObserver}"/>: soft state, refreshed by the edges).
/// </summary>
public sealed partial class WebSocketCatalogGrain(
    [PersistentState("wscatalog", GrainStorage.Name)] IPersistentState<WebSocketCatalogState> state,
    TimeProvider clock,
    ILogger<WebSocketCatalogGrain> logger) : Grain, IWebSocketCatalogGrain
{
    /// <summary>How long an edge registration lives without a refresh.</summary>
    internal static readonly TimeSpan RegistrationLifetime = TimeSpan.FromSeconds(20);

    private readonly EdgeRegistrations<IWebSocketEdgeObserver> _edges = new(RegistrationLifetime, clock, logger);

    /// <inheritdoc />
    public async Task Publish(string apiId, long version)
    {
        if (state.State.Versions.TryGetValue(apiId, out var known) && known >= version)
        {
            return;
        }
        state.State.Versions[apiId] = version;
        await state.WriteStateAsync();
        _edges.Notify($"WebSocket API {apiId}", observer => observer.OnApiChanged(apiId, version));
    }

    /// <inheritdoc />
    public async Task Remove(string apiId, long version)
    {
        if (state.State.Versions.Remove(apiId))
        {
            await state.WriteStateAsync();
        }
        _edges.Notify($"WebSocket API {apiId}", observer => observer.OnApiChanged(apiId, version));
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
        _edges.Register(edgeId, observer);
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
        var live = _edges.Live();
        if (live.Count == 0 || connections.Value.Count == 0)
        {
            Log.DisconnectsDropped(logger, connections.Value.Count);
            return Task.CompletedTask;
        }
        var (edgeId, observer) = live[Random.Shared.Next(live.Count)];
        _edges.Push(edgeId, observer, "$disconnect of a dead edge's connections", o => o.FireDisconnects(connections));
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Warning, "No live edge to fire $disconnect for {Count} connections of a dead edge")]
        public static partial void DisconnectsDropped(ILogger logger, int count);
    }
}

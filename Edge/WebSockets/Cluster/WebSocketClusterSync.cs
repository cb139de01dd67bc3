using Orleans.Concurrency;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.WebSockets.Connections;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Cluster;

/// <summary>
/// Joins this edge to the WebSocket side of the cluster: takes its slot, keeps the WebSocket route
/// table in step with the catalog (push + periodic catch-up), and renews the edge's lease with
/// the batch of connection changes. At shutdown it closes its connections (1001) and releases the lease.
/// </summary>
internal sealed partial class WebSocketClusterSync(
    IClusterClient client,
    WebSocketRouteTable routes,
    ConnectionRegistry registry,
    WebSocketEdgeObserver observer,
    EdgeIdentity edge,
    IOptions<WebSocketApiOptions> options,
    ILogger<WebSocketClusterSync> logger) : BackgroundService
{
    private IWebSocketEdgeObserver? _reference;
    private bool _sendFull = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = client.CreateObjectReference<IWebSocketEdgeObserver>(observer);
        var catalog = client.GetGrain<IWebSocketCatalogGrain>(IWebSocketCatalogGrain.Key);
        var renewDue = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (registry.Slot == 0)
                {
                    registry.Slot = await client.GetGrain<IWebSocketEdgeSlotGrain>(IWebSocketEdgeSlotGrain.Key).SlotOf(edge.Id);
                    Log.SlotAssigned(logger, edge.Id, registry.Slot);
                }
                if (DateTime.UtcNow >= renewDue)
                {
                    var versions = await catalog.Subscribe(edge.Id, _reference);
                    await CatchUpAsync(versions);
                    await RenewAsync();
                    if (!routes.IsReady)
                    {
                        routes.MarkReady();
                    }
                    renewDue = DateTime.UtcNow + options.Value.LeaseRenewInterval;
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(Max(renewDue - DateTime.UtcNow, TimeSpan.Zero));
                try
                {
                    await observer.Changes.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    continue;
                }
                while (observer.Changes.TryRead(out var change))
                {
                    if (change.Version > routes.VersionOf(change.ApiId))
                    {
                        await PullAsync(change.ApiId);
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.SyncFailed(logger, ex);
                renewDue = DateTime.UtcNow + TimeSpan.FromSeconds(1);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Going away: each connection's own loop then fires its $disconnect.
        await Task.WhenAll(registry.All.Select(c => c.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Going away")));
        if (_reference is not null && registry.Slot != 0)
        {
            try
            {
                await client.GetGrain<IWebSocketEdgeGrain>(registry.Slot).Release(edge.Id).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                await client.GetGrain<IWebSocketCatalogGrain>(IWebSocketCatalogGrain.Key).Unsubscribe(edge.Id).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex)
            {
                Log.ReleaseFailed(logger, ex);
            }
            client.DeleteObjectReference<IWebSocketEdgeObserver>(_reference);
        }
        await base.StopAsync(cancellationToken);
    }

    private async Task RenewAsync()
    {
        var changes = registry.TakeChanges(_sendFull);
        try
        {
            _sendFull = await client.GetGrain<IWebSocketEdgeGrain>(registry.Slot)
                .Renew(edge.Id, _reference!, new Immutable<WebSocketConnectionChanges>(changes));
        }
        catch
        {
            registry.Restore(changes);
            _sendFull |= changes.Full;
            throw;
        }
    }

    private async Task CatchUpAsync(IReadOnlyDictionary<string, long> versions)
    {
        foreach (var (apiId, version) in versions)
        {
            if (version > routes.VersionOf(apiId))
            {
                await PullAsync(apiId);
            }
        }
        foreach (var apiId in routes.ApiIds.Where(id => !versions.ContainsKey(id)).ToList())
        {
            routes.Remove(apiId);
        }
    }

    private async Task PullAsync(string apiId)
    {
        var config = await client.GetGrain<IWebSocketApiGrain>(apiId).GetServingConfig();
        if (routes.Apply(config))
        {
            Log.Installed(logger, apiId, config.Version, config.Stages.Count);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(6141, LogLevel.Information, "Edge {EdgeId} holds WebSocket slot {Slot}")]
        public static partial void SlotAssigned(ILogger logger, string edgeId, int slot);

        [LoggerMessage(6142, LogLevel.Information, "WebSocket API {ApiId} version {Version} installed ({StageCount} stages)")]
        public static partial void Installed(ILogger logger, string apiId, long version, int stageCount);

        [LoggerMessage(6143, LogLevel.Warning, "WebSocket sync with the cluster failed; retrying")]
        public static partial void SyncFailed(ILogger logger, Exception exception);

        [LoggerMessage(6144, LogLevel.Warning, "Releasing the WebSocket edge lease failed; it lapses on its own")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception);
    }
}

using Orleans.Concurrency;
using System.Net.WebSockets;
using System.Threading.Channels;
using OrleansGateway.Edge.WebSockets.Connections;
using OrleansGateway.Edge.WebSockets.Integrations;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Cluster;

/// <summary>
/// This edge's observer: config pushes go to a channel the sync service reads; deliveries go to
/// the connections this edge holds.
/// </summary>
internal sealed class WebSocketEdgeObserver(
    ConnectionRegistry registry, WebSocketRouteTable routes, WebSocketIntegrationInvoker integrations, WebSocketMetrics metrics,
    AccessLogs.WebSocketAccessLog accessLog) : IWebSocketEdgeObserver
{
    private readonly Channel<(string ApiId, long Version)> _changes = Channel.CreateBounded<(string, long)>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Pushed API changes, for the sync service.</summary>
    public ChannelReader<(string ApiId, long Version)> Changes => _changes.Reader;

    /// <inheritdoc />
    public Task OnApiChanged(string apiId, long version)
    {
        // A dropped push is repaired by the periodic catch-up.
        _changes.Writer.TryWrite((apiId, version));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> Post(string connectionId, Immutable<byte[]> data)
    {
        if (registry.Find(connectionId) is not { } connection)
        {
            return false;
        }
        var sent = await connection.SendAsync(data.Value, CancellationToken.None);
        if (sent)
        {
            metrics.Message(connection.Info.ApiId, connection.Info.Stage);
        }
        return sent;
    }

    /// <inheritdoc />
    public Task<WebSocketConnectionInfo?> GetConnection(string connectionId) =>
        Task.FromResult(registry.Find(connectionId)?.Snapshot());

    /// <inheritdoc />
    public async Task<bool> Close(string connectionId)
    {
        if (registry.Find(connectionId) is not { } connection)
        {
            return false;
        }
        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "Connection closed by the @connections API");
        return true;
    }

    /// <inheritdoc />
    public Task FireDisconnects(Immutable<IReadOnlyList<WebSocketConnectionInfo>> connections)
    {
        // Off the grain call: the dead edge's lease grain must not wait for backends.
        _ = Task.Run(async () =>
        {
            foreach (var info in connections.Value)
            {
                await DisconnectNotifier.FireAsync(routes, integrations, info, 1006, "Edge lost", accessLog: accessLog);
            }
        });
        return Task.CompletedTask;
    }
}

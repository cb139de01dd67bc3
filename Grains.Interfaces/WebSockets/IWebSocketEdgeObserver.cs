using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>Implemented by each edge: WebSocket config pushes, and delivery to the connections it holds.</summary>
[Alias("og.ws.IWebSocketEdgeObserver")]
public interface IWebSocketEdgeObserver : IGrainObserver
{
    /// <summary>A WebSocket API's serving config is now at <paramref name="version"/>.</summary>
    [Alias("OnApiChanged")]
    Task OnApiChanged(string apiId, long version);

    /// <summary>Sends <paramref name="data"/> to a connection this edge holds; false when it holds no such connection.</summary>
    [Alias("Post")]
    Task<bool> Post(string connectionId, Immutable<byte[]> data);

    /// <summary>The connection's details, or null when this edge holds no such connection.</summary>
    [Alias("GetConnection")]
    Task<WebSocketConnectionInfo?> GetConnection(string connectionId);

    /// <summary>Closes a connection (close code 1000 as API Gateway's DeleteConnection); false when unknown.</summary>
    [Alias("Close")]
    Task<bool> Close(string connectionId);

    /// <summary>Fires <c>$disconnect</c> for connections a dead edge held (best-effort).</summary>
    [Alias("FireDisconnects")]
    Task FireDisconnects(Immutable<IReadOnlyList<WebSocketConnectionInfo>> connections);
}

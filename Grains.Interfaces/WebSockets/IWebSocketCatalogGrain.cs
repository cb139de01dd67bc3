using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>
/// The one catalog of WebSocket APIs (key <see cref="Key"/>): each one's serving version. Edges
/// subscribe through their <see cref="IWebSocketEdgeGrain"/>; the catalog pushes versions to them.
/// </summary>
[Alias("og.ws.IWebSocketCatalogGrain")]
public interface IWebSocketCatalogGrain : IGrainWithStringKey
{
    /// <summary>The catalog's only key.</summary>
    const string Key = "ws-catalog";

    /// <summary>Records an API's new serving version and pushes it to every live edge.</summary>
    [Alias("Publish")]
    Task Publish(string apiId, long version);

    /// <summary>Records that an API was deleted and tells every live edge.</summary>
    [Alias("Remove")]
    Task Remove(string apiId, long version);

    /// <summary>Ids of every WebSocket API, sorted.</summary>
    [Alias("ListApis"), ReadOnly]
    Task<IReadOnlyList<string>> ListApis();

    /// <summary>Registers (or refreshes) a live edge and returns every API's serving version.</summary>
    [Alias("Subscribe")]
    Task<IReadOnlyDictionary<string, long>> Subscribe(string edgeId, IWebSocketEdgeObserver observer);

    /// <summary>Forgets an edge (it stopped, or its lease lapsed).</summary>
    [Alias("Unsubscribe")]
    Task Unsubscribe(string edgeId);

    /// <summary>
    /// Hands the <c>$disconnect</c> calls of a dead edge's connections to one live edge (the edge
    /// that holds the API config and the HTTP client); dropped when no edge is live.
    /// </summary>
    [Alias("DispatchDisconnects")]
    Task DispatchDisconnects(Immutable<IReadOnlyList<WebSocketConnectionInfo>> connections);
}

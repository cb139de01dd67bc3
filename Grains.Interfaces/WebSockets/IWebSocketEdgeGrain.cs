using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>
/// One per edge (key: the edge's slot number, which every connection id of that edge carries).
/// The edge renews a lease here every few seconds (one lease per edge, not per connection) and
/// reports the connections it opened and closed since. Any edge delivers @connections calls
/// through this grain to the owning edge's observer. When the lease lapses the edge is dead: its
/// connections are gone (410) and their <c>$disconnect</c> is handed to a live edge.
/// </summary>
[Alias("og.ws.IWebSocketEdgeGrain")]
public interface IWebSocketEdgeGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Renews the edge's lease and applies its connection changes since the last renewal. True asks
    /// the edge for its full connection list next time (this activation does not know it).
    /// </summary>
    [Alias("Renew")]
    Task<bool> Renew(string edgeId, IWebSocketEdgeObserver observer, Immutable<WebSocketConnectionChanges> changes);

    /// <summary>The edge stopped cleanly (its connections were closed and their $disconnect fired).</summary>
    [Alias("Release")]
    Task Release(string edgeId);

    /// <summary>Sends data to a connection of this edge; false when the edge or the connection is gone.</summary>
    [Alias("Post")]
    Task<bool> Post(string connectionId, Immutable<byte[]> data);

    /// <summary>The connection's details; null when the edge or the connection is gone.</summary>
    [Alias("GetConnection")]
    Task<WebSocketConnectionInfo?> GetConnection(string connectionId);

    /// <summary>Closes a connection; false when the edge or the connection is gone.</summary>
    [Alias("Close")]
    Task<bool> Close(string connectionId);
}

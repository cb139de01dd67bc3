using System.Collections.Concurrent;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Connections;

/// <summary>
/// The connections this edge holds, and the changes not yet reported to the cluster (sent in one
/// batch with each lease renewal, so opening a connection costs no grain call).
/// </summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, WebSocketConnection> _connections = new(StringComparer.Ordinal);
    private readonly Lock _changesLock = new();
    private List<WebSocketConnectionInfo> _opened = [];
    private List<string> _closed = [];

    /// <summary>Number of open connections.</summary>
    public int Count => _connections.Count;

    /// <summary>Every open connection (a moment-in-time enumeration).</summary>
    public IEnumerable<WebSocketConnection> All => _connections.Values;

    /// <summary>The slot of this edge (set once the cluster assigned it; 0 before).</summary>
    public int Slot { get; set; }

    /// <summary>The open connection with <paramref name="connectionId"/>, if this edge holds it and is not closing it.</summary>
    public WebSocketConnection? Find(string connectionId) =>
        _connections.TryGetValue(connectionId, out var connection) && !connection.IsClosing ? connection : null;

    /// <summary>Records a new connection.</summary>
    public void Add(WebSocketConnection connection)
    {
        _connections[connection.Info.ConnectionId] = connection;
        lock (_changesLock)
        {
            _opened.Add(connection.Info);
        }
    }

    /// <summary>Forgets a closed connection.</summary>
    public void Remove(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out _))
        {
            lock (_changesLock)
            {
                _closed.Add(connectionId);
            }
        }
    }

    /// <summary>The changes since the last call (or every connection when <paramref name="full"/>), for the lease renewal.</summary>
    public WebSocketConnectionChanges TakeChanges(bool full)
    {
        lock (_changesLock)
        {
            var changes = full
                ? new WebSocketConnectionChanges([.. _connections.Values.Select(c => c.Info)], [], true)
                : new WebSocketConnectionChanges(_opened, _closed, false);
            _opened = [];
            _closed = [];
            return changes;
        }
    }

    /// <summary>Puts back changes a failed renewal did not deliver.</summary>
    public void Restore(WebSocketConnectionChanges changes)
    {
        if (changes.Full)
        {
            return; // the next renewal asks for the full list again
        }
        lock (_changesLock)
        {
            _opened.InsertRange(0, changes.Opened);
            _closed.InsertRange(0, changes.Closed);
        }
    }
}

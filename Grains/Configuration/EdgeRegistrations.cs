using Microsoft.Extensions.Logging;

namespace OrleansGateway.Grains.Configuration;

/// <summary>
/// The edges a catalog grain pushes changes to, as soft state: an edge refreshes its registration
/// every few seconds, so registrations lost with a silo come back on their own, and one that stops
/// refreshing expires. Pushes are not awaited: a dead edge must not hold up a management call for a
/// response timeout, and a push that fails is repaired by the edge's periodic re-subscription.
/// Shared by the REST catalog (<see cref="ApiCatalogGrain"/>) and the WebSocket one.
/// </summary>
/// <typeparam name="TObserver">The edges' observer interface.</typeparam>
internal sealed partial class EdgeRegistrations<TObserver>(TimeSpan lifetime, TimeProvider clock, ILogger logger)
    where TObserver : class
{
    private readonly Dictionary<string, Registration> _edges = new(StringComparer.Ordinal);

    /// <summary>Registers (or refreshes) <paramref name="edgeId"/> for another lifetime.</summary>
    public void Register(string edgeId, TObserver observer) => _edges[edgeId] = new Registration(observer, clock.GetUtcNow() + lifetime);

    /// <summary>Forgets <paramref name="edgeId"/> (it is shutting down).</summary>
    public void Remove(string edgeId) => _edges.Remove(edgeId);

    /// <summary>The edges registered and not expired; expired ones are dropped.</summary>
    public List<(string EdgeId, TObserver Observer)> Live()
    {
        var now = clock.GetUtcNow();
        var live = new List<(string, TObserver)>(_edges.Count);
        foreach (var (edgeId, registration) in _edges.ToList())
        {
            if (registration.ExpiresAt < now)
            {
                _edges.Remove(edgeId);
                Log.EdgeExpired(logger, edgeId);
                continue;
            }
            live.Add((edgeId, registration.Observer));
        }
        return live;
    }

    /// <summary>Pushes <paramref name="what"/> to every live edge, without waiting.</summary>
    public void Notify(string what, Func<TObserver, Task> push)
    {
        foreach (var (edgeId, observer) in Live())
        {
            Push(edgeId, observer, what, push);
        }
    }

    /// <summary>Pushes <paramref name="what"/> to one edge, without waiting; a failure is logged.</summary>
    public void Push(string edgeId, TObserver observer, string what, Func<TObserver, Task> push) => _ = PushAsync(edgeId, observer, what, push);

    private async Task PushAsync(string edgeId, TObserver observer, string what, Func<TObserver, Task> push)
    {
        try
        {
            await push(observer);
        }
        catch (Exception ex)
        {
            Log.PushFailed(logger, ex, edgeId, what);
        }
    }

    private sealed record Registration(TObserver Observer, DateTimeOffset ExpiresAt);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Edge {EdgeId} registration expired")]
        public static partial void EdgeExpired(ILogger logger, string edgeId);

        [LoggerMessage(2, LogLevel.Warning, "Push of {What} to edge {EdgeId} failed; the edge will catch up on its next refresh")]
        public static partial void PushFailed(ILogger logger, Exception exception, string edgeId, string what);
    }
}

using OrleansGateway.Grains.Interfaces.Configuration;

namespace OrleansGateway.Edge.UsagePlans;

/// <summary>
/// Applies the catalog's numbered API key changes to the edge's key cache and notices a missed push:
/// a number that does not follow the last one applied, or a new epoch. The sync loop then asks the
/// catalog for the changes since (<see cref="IApiCatalogGrain.GetApiKeyChangesSince"/>), and also
/// every refresh interval, so a lost push leaves a key stale for seconds, not for the cache's lifetime.
/// </summary>
public sealed class ApiKeyChangeTracker(ApiKeyResolver keys)
{
    private readonly Lock _gate = new();

    // The newest change applied with every one before it (null until the first catch-up).
    private ApiKeyChangeStamp? _applied;

    /// <summary>Where the next catch-up starts.</summary>
    public ApiKeyChangeStamp? Applied
    {
        get
        {
            lock (_gate)
            {
                return _applied;
            }
        }
    }

    /// <summary>Applies a pushed change; true when a push before it was missed and a catch-up is due.</summary>
    public bool OnPushed(string valueHash, ApiKeyChangeStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        keys.Invalidate(valueHash);
        lock (_gate)
        {
            if (_applied is null)
            {
                // Before the first catch-up: nothing was cached under an earlier stamp to miss.
                return false;
            }
            if (stamp.Epoch == _applied.Epoch && stamp.Sequence <= _applied.Sequence + 1)
            {
                if (stamp.Sequence == _applied.Sequence + 1)
                {
                    _applied = stamp;
                }
                return false;
            }
            return true;
        }
    }

    /// <summary>Applies a catch-up's answer: the listed keys are dropped, or every key when the catalog could not list them.</summary>
    public void OnCaughtUp(ApiKeyChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.ValueHashes is null)
        {
            keys.InvalidateAll();
        }
        else
        {
            foreach (var valueHash in changes.ValueHashes)
            {
                keys.Invalidate(valueHash);
            }
        }
        lock (_gate)
        {
            // Pushes applied while the answer was on its way may be ahead of it.
            if (_applied is null || _applied.Epoch != changes.Current.Epoch || _applied.Sequence < changes.Current.Sequence)
            {
                _applied = changes.Current;
            }
        }
    }
}

using OrleansGateway.Grains.Interfaces.Configuration;

namespace OrleansGateway.Grains.Configuration;

/// <summary>
/// The catalog's numbered log of API key changes, in memory: the last <see cref="Capacity"/> value
/// hashes. Its epoch (random) is new with every activation, so an edge that cached keys under an earlier
/// activation (whose pushes it may have missed) is told to drop them all rather than trust a list
/// that starts after a gap. Persisting it would cost a storage write per key change (a million on a
/// bulk import) to save edges one re-read of their keys after a silo failure.
/// </summary>
internal sealed class ApiKeyChangeLog(long epoch)
{
    /// <summary>How many changes are kept for edges that missed pushes (about 0.6 MB of hashes).</summary>
    public const int Capacity = 10_000;

    private readonly Queue<string> _recent = new();
    private long _sequence;

    /// <summary>The stamp of the newest change.</summary>
    public ApiKeyChangeStamp Current => new(epoch, _sequence);

    /// <summary>Numbers the change of <paramref name="valueHash"/>.</summary>
    public ApiKeyChangeStamp Append(string valueHash)
    {
        _recent.Enqueue(valueHash);
        if (_recent.Count > Capacity)
        {
            _recent.Dequeue();
        }
        return new ApiKeyChangeStamp(epoch, ++_sequence);
    }

    /// <summary>The changes after <paramref name="since"/>; no list when they are not all known here.</summary>
    public ApiKeyChanges Since(ApiKeyChangeStamp? since)
    {
        var current = Current;
        if (since is null || since.Epoch != epoch || since.Sequence > _sequence)
        {
            return new ApiKeyChanges(current, null);
        }
        var oldestKept = _sequence - _recent.Count + 1;
        if (since.Sequence + 1 < oldestKept)
        {
            return new ApiKeyChanges(current, null);
        }
        return new ApiKeyChanges(current, _recent.Skip((int)(since.Sequence + 1 - oldestKept)).ToList());
    }
}

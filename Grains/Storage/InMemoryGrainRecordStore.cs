using System.Collections.Concurrent;

namespace OrleansGateway.Grains.Storage;

/// <summary>
/// The record store of dev mode and tests: process memory, as their grain storage. Dev mode's single
/// silo makes its own; the silos of an in-process test cluster share one through
/// <see cref="Shared"/> (a grain may reactivate on the other silo), while two test clusters do not.
/// </summary>
public sealed class InMemoryGrainRecordStore : IGrainRecordStore
{
    private static readonly ConcurrentDictionary<string, InMemoryGrainRecordStore> Clusters = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> _collections = new(StringComparer.Ordinal);
    private long _recordsWritten;

    /// <summary>The store every silo of the in-process cluster <paramref name="clusterKey"/> uses.</summary>
    public static InMemoryGrainRecordStore Shared(string clusterKey) => Clusters.GetOrAdd(clusterKey, _ => new InMemoryGrainRecordStore());

    /// <summary>Records written since the store was made (for tests of what a change costs).</summary>
    public long RecordsWritten => Interlocked.Read(ref _recordsWritten);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, byte[]>> ReadAllAsync(string collection) =>
        Task.FromResult<IReadOnlyDictionary<string, byte[]>>(
            _collections.TryGetValue(collection, out var records) ? new Dictionary<string, byte[]>(records, StringComparer.Ordinal) : new Dictionary<string, byte[]>());

    /// <inheritdoc />
    public Task PutAsync(string collection, IReadOnlyCollection<KeyValuePair<string, byte[]>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var target = _collections.GetOrAdd(collection, _ => new(StringComparer.Ordinal));
        foreach (var (field, value) in records)
        {
            target[field] = value;
        }
        Interlocked.Add(ref _recordsWritten, records.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(string collection, IReadOnlyCollection<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (_collections.TryGetValue(collection, out var records))
        {
            foreach (var field in fields)
            {
                records.TryRemove(field, out _);
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string collection)
    {
        _collections.TryRemove(collection, out _);
        return Task.CompletedTask;
    }
}

namespace OrleansGateway.Grains.Storage;

/// <summary>
/// Collections of small records written one record at a time, for grain state that grows with the
/// number of API keys. Orleans grain storage writes a grain's whole state on every change, so a
/// listing of a million keys rewrote megabytes per import and timed out; here a change costs what
/// it changes (a Redis hash per collection in cluster mode, memory in dev mode and tests).
/// </summary>
public interface IGrainRecordStore
{
    /// <summary>Every record of <paramref name="collection"/>, by field.</summary>
    Task<IReadOnlyDictionary<string, byte[]>> ReadAllAsync(string collection);

    /// <summary>Adds or replaces records (one round trip).</summary>
    Task PutAsync(string collection, IReadOnlyCollection<KeyValuePair<string, byte[]>> records);

    /// <summary>Removes records; unknown fields are ignored.</summary>
    Task RemoveAsync(string collection, IReadOnlyCollection<string> fields);

    /// <summary>Removes the whole collection.</summary>
    Task DeleteAsync(string collection);
}

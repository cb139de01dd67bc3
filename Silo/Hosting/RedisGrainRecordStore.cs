using OrleansGateway.Grains.Storage;
using StackExchange.Redis;

namespace OrleansGateway.Silo.Hosting;

/// <summary>
/// The cluster's record store: one Redis hash per collection, so adding 10,000 keys to a listing
/// of a million writes 10,000 fields, not the million. Writes are chunked to keep each command small.
/// </summary>
internal sealed class RedisGrainRecordStore(ConfigurationOptions options, string serviceId) : IGrainRecordStore, IAsyncDisposable
{
    private const int ChunkSize = 1000;

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectionMultiplexer.ConnectAsync(options));

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, byte[]>> ReadAllAsync(string collection)
    {
        var database = await DatabaseAsync();
        var records = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        // HSCAN rather than HGETALL: a collection of 100,000 fields does not block Redis in one reply.
        await foreach (var entry in database.HashScanAsync(Key(collection), pageSize: ChunkSize))
        {
            records[entry.Name!] = (byte[])entry.Value!;
        }
        return records;
    }

    /// <inheritdoc />
    public async Task PutAsync(string collection, IReadOnlyCollection<KeyValuePair<string, byte[]>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var database = await DatabaseAsync();
        foreach (var chunk in records.Chunk(ChunkSize))
        {
            await database.HashSetAsync(Key(collection), chunk.Select(r => new HashEntry(r.Key, r.Value)).ToArray());
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string collection, IReadOnlyCollection<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var database = await DatabaseAsync();
        foreach (var chunk in fields.Chunk(ChunkSize))
        {
            await database.HashDeleteAsync(Key(collection), chunk.Select(f => (RedisValue)f).ToArray());
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string collection) => await (await DatabaseAsync()).KeyDeleteAsync(Key(collection));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    private async Task<IDatabase> DatabaseAsync() => (await _connection.Value).GetDatabase();

    private RedisKey Key(string collection) => $"{serviceId}/records/{collection}";
}

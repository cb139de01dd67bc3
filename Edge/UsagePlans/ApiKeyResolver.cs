using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Edge.UsagePlans;

/// <summary>
/// Turns an <c>x-api-key</c> value into the key's identity: hash, then a bounded cache, then (on a
/// miss) one call to the key's <see cref="IApiKeyValueGrain"/>, shared by every request that misses
/// on the same key at once. Entries are dropped when the cluster pushes a change to the key.
/// </summary>
public sealed class ApiKeyResolver : IDisposable
{
    /// <summary>API Gateway's longest key value; anything longer cannot be a key and is never looked up.</summary>
    public const int MaxValueLength = 128;

    private readonly IGrainFactory _grains;
    private readonly ApiKeyValueHash _hash;
    private readonly ApiKeyCacheOptions _options;
    private readonly MemoryCache _cache;

    // Bumped by every invalidation: a lookup that started before one does not cache its answer,
    // which may predate the change.
    private long _invalidations;
    private long _lookupCalls;

    /// <summary>Creates the resolver.</summary>
    public ApiKeyResolver(IGrainFactory grains, ApiKeyValueHash hash, IOptions<ApiKeyCacheOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _hash = hash;
        _options = options.Value;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MaxEntries, CompactionPercentage = 0.1 });
    }

    /// <summary>Grain calls made to look keys up (cache misses), for the benchmark's calls-per-request figure.</summary>
    public long LookupCalls => Interlocked.Read(ref _lookupCalls);

    /// <summary>How many entries the cache holds now.</summary>
    public int CachedCount => _cache.Count;

    /// <summary>The key with this value, or null if there is none (or the value cannot be a key).</summary>
    public ValueTask<ApiKeyIdentity?> ResolveAsync(string value)
    {
        if (value.Length is 0 or > MaxValueLength)
        {
            return ValueTask.FromResult<ApiKeyIdentity?>(null);
        }
        var hash = _hash.Compute(value);
        if (_cache.TryGetValue(hash, out Task<ApiKeyIdentity?>? cached) && cached is not null)
        {
            return cached.IsCompletedSuccessfully ? ValueTask.FromResult(cached.Result) : new ValueTask<ApiKeyIdentity?>(cached);
        }
        return new ValueTask<ApiKeyIdentity?>(LookUp(hash));
    }

    /// <summary>Forgets the key whose value hashes to <paramref name="valueHash"/> (pushed by the cluster).</summary>
    public void Invalidate(string valueHash)
    {
        Interlocked.Increment(ref _invalidations);
        _cache.Remove(valueHash);
    }

    /// <summary>Forgets every key (after a reconnect, when pushes may have been missed).</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _invalidations);
        _cache.Clear();
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private Task<ApiKeyIdentity?> LookUp(string hash)
    {
        var startedAt = Interlocked.Read(ref _invalidations);
        Interlocked.Increment(ref _lookupCalls);
        var lookup = _grains.GetGrain<IApiKeyValueGrain>(hash).Resolve();
        // Cached while in flight so concurrent misses share the call; replaced or removed when it ends.
        _ = _cache.Set(hash, lookup, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _options.UnknownKeyLifetime });
        return Complete(hash, lookup, startedAt);
    }

    private async Task<ApiKeyIdentity?> Complete(string hash, Task<ApiKeyIdentity?> lookup, long startedAt)
    {
        ApiKeyIdentity? identity;
        try
        {
            identity = await lookup;
        }
        catch
        {
            _cache.Remove(hash);
            throw;
        }
        if (Interlocked.Read(ref _invalidations) != startedAt)
        {
            _cache.Remove(hash);
            return identity;
        }
        var lifetime = identity is null ? _options.UnknownKeyLifetime : _options.KnownKeyLifetime;
        _ = _cache.Set(hash, Task.FromResult(identity), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        return identity;
    }
}

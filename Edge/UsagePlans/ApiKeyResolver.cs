using System.Diagnostics;
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
        if (_cache.TryGetValue(hash, out Entry? cached) && cached is not null)
        {
            if (!cached.Lookup.IsCompletedSuccessfully)
            {
                return new ValueTask<ApiKeyIdentity?>(cached.Lookup);
            }
            // Refresh-ahead: a key in use is re-read in the background at half its lifetime, so a
            // busy key never makes a request wait on the grain again.
            if (cached.Lookup.Result is not null
                && Stopwatch.GetElapsedTime(cached.FetchedAt) > _options.KnownKeyLifetime / 2
                && Interlocked.Exchange(ref cached.Refreshing, 1) == 0)
            {
                _ = RefreshAsync(hash, cached);
            }
            return ValueTask.FromResult(cached.Lookup.Result);
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
        _ = _cache.Set(hash, new Entry(lookup), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _options.UnknownKeyLifetime });
        return Complete(hash, lookup, startedAt);
    }

    private async Task RefreshAsync(string hash, Entry entry)
    {
        var startedAt = Interlocked.Read(ref _invalidations);
        Interlocked.Increment(ref _lookupCalls);
        try
        {
            var identity = await _grains.GetGrain<IApiKeyValueGrain>(hash).Resolve();
            if (Interlocked.Read(ref _invalidations) == startedAt)
            {
                Store(hash, identity);
            }
        }
        catch (Exception)
        {
            // The entry keeps serving until it expires; the next hit tries the refresh again (an entry
            // is kept well past its lifetime, so it must not stop refreshing after one failure).
            Volatile.Write(ref entry.Refreshing, 0);
        }
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
        Store(hash, identity);
        return identity;
    }

    private void Store(string hash, ApiKeyIdentity? identity)
    {
        // A known key outlives its lifetime in the cache (served while refreshed in the background, see
        // ResolveAsync); an unknown one does not, so a key created since is found within its lifetime.
        var lifetime = identity is null
            ? _options.UnknownKeyLifetime
            : _options.KnownKeyRetention > _options.KnownKeyLifetime ? _options.KnownKeyRetention : _options.KnownKeyLifetime;
        _ = _cache.Set(hash, new Entry(Task.FromResult(identity)), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
    }

    /// <summary>A lookup (in flight or done), when it started, and whether a refresh-ahead is running.</summary>
    private sealed class Entry(Task<ApiKeyIdentity?> lookup)
    {
        public Task<ApiKeyIdentity?> Lookup { get; } = lookup;

        public long FetchedAt { get; } = Stopwatch.GetTimestamp();

        public int Refreshing;
    }
}

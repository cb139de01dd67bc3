using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Grains.Interfaces.Iam;

namespace OrleansGateway.Edge.Iam;

/// <summary>
/// The edge's view of IAM access keys: a bounded cache in front of <see cref="IIamDirectoryGrain"/>,
/// filled on first use (concurrent misses on one key share one grain call) and emptied for a key
/// when the cluster pushes a change to it, so a deactivated key stops working on every edge at once.
/// Secrets are decrypted here and kept only in memory.
/// </summary>
public sealed partial class IamCredentialCache : IDisposable
{
    /// <summary>The longest access key id IAM allows; longer ids are never looked up.</summary>
    public const int MaxAccessKeyIdLength = 128;

    private readonly IGrainFactory _grains;
    private readonly IamAccessKeySecrets _secrets;
    private readonly IamCacheOptions _options;
    private readonly ILogger<IamCredentialCache> _logger;
    private readonly MemoryCache _cache;

    // Bumped by every invalidation: a lookup that started before one does not cache its answer.
    private long _invalidations;

    /// <summary>Creates the cache and subscribes it to the cluster's IAM pushes.</summary>
    public IamCredentialCache(
        IGrainFactory grains, IamAccessKeySecrets secrets, IOptions<IamCacheOptions> options, ConfigChangeSignal signal, ILogger<IamCredentialCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signal);
        _grains = grains;
        _secrets = secrets;
        _options = options.Value;
        _logger = logger;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MaxEntries, CompactionPercentage = 0.1 });
        signal.IamChanged += Invalidate;
        // After a reconnect, pushes may have been lost: a deactivated key must not live on until its entry expires.
        signal.FullSyncRequested += InvalidateAll;
    }

    /// <summary>The key, or null when it is unknown (or cannot be a key id).</summary>
    public ValueTask<IamCallerCredentials?> ResolveAsync(string accessKeyId)
    {
        if (accessKeyId.Length is < 16 or > MaxAccessKeyIdLength)
        {
            return ValueTask.FromResult<IamCallerCredentials?>(null);
        }
        if (_cache.TryGetValue(accessKeyId, out Task<IamCallerCredentials?>? cached) && cached is not null)
        {
            return cached.IsCompletedSuccessfully ? ValueTask.FromResult(cached.Result) : new ValueTask<IamCallerCredentials?>(cached);
        }
        return new ValueTask<IamCallerCredentials?>(LookUpAsync(accessKeyId));
    }

    /// <summary>Forgets one key (pushed by the cluster).</summary>
    public void Invalidate(string accessKeyId)
    {
        Interlocked.Increment(ref _invalidations);
        _cache.Remove(accessKeyId);
    }

    /// <summary>Forgets every key.</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _invalidations);
        _cache.Clear();
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private Task<IamCallerCredentials?> LookUpAsync(string accessKeyId)
    {
        var startedAt = Interlocked.Read(ref _invalidations);
        var lookup = FetchAsync(accessKeyId);
        // Cached while in flight so concurrent misses share the call.
        _ = _cache.Set(accessKeyId, lookup, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _options.UnknownKeyLifetime });
        return CompleteAsync(accessKeyId, lookup, startedAt);
    }

    private async Task<IamCallerCredentials?> CompleteAsync(string accessKeyId, Task<IamCallerCredentials?> lookup, long startedAt)
    {
        IamCallerCredentials? credentials;
        try
        {
            credentials = await lookup;
        }
        catch
        {
            _cache.Remove(accessKeyId);
            throw;
        }
        if (Interlocked.Read(ref _invalidations) != startedAt)
        {
            // A change landed while we asked: the answer may predate it; do not keep it.
            _cache.Remove(accessKeyId);
            return credentials;
        }
        var lifetime = credentials is null ? _options.UnknownKeyLifetime : _options.KnownKeyLifetime;
        _ = _cache.Set(accessKeyId, Task.FromResult(credentials), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        return credentials;
    }

    private async Task<IamCallerCredentials?> FetchAsync(string accessKeyId)
    {
        var credential = await _grains.GetGrain<IIamDirectoryGrain>(IIamDirectoryGrain.Key).ResolveAccessKey(accessKeyId);
        if (credential is null)
        {
            return null;
        }
        var secret = _secrets.Open(accessKeyId, credential.EncryptedSecret);
        if (secret is null)
        {
            Log.SecretUnreadable(_logger, accessKeyId);
            return null;
        }
        var policies = new List<PolicyDocument>(credential.PolicyDocuments.Count);
        foreach (var document in credential.PolicyDocuments)
        {
            try
            {
                policies.Add(PolicyDocument.Parse(document));
            }
            catch (PolicyDocumentException e)
            {
                // Validated when put; a document that no longer parses grants nothing rather than failing the caller's every request.
                Log.PolicyUnreadable(_logger, credential.User.UserName, e.Message);
            }
        }
        return new IamCallerCredentials(accessKeyId, credential.User, credential.Active, secret, policies);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Error,
            Message = "IAM access key {AccessKeyId}: its stored secret does not decrypt under Gateway:ApiKeys:Secret (a different secret on this edge?); the key is treated as unknown")]
        public static partial void SecretUnreadable(ILogger logger, string accessKeyId);

        [LoggerMessage(EventId = 1402, Level = LogLevel.Warning,
            Message = "IAM user {UserName}: an inline policy no longer parses ({Reason}); it is ignored")]
        public static partial void PolicyUnreadable(ILogger logger, string userName, string reason);
    }
}

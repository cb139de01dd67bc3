using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Grains.Interfaces.Authorizers;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>
/// Lambda-style authorizer results, cached cluster-wide. A request first looks in this edge's
/// bounded memory cache (the steady state: no remote call at all); on a miss, one request per
/// identity on this edge asks the identity's <see cref="IAuthorizerResultGrain"/>, which either hands
/// back the result another edge obtained, or grants this edge the call and makes every other edge
/// wait for it. Results are held locally until the expiry the grain holds them to, so the whole
/// cluster makes one authorizer call per identity per TTL. Refusals are not cached (API Gateway
/// caches the policy the function returns, not its failures).
/// </summary>
internal sealed partial class AuthorizerResultCache : IDisposable
{
    /// <summary>How much longer than the call timeout the grain waits for a granted edge to report before granting the call to another.</summary>
    private static readonly TimeSpan CallLeaseMargin = TimeSpan.FromSeconds(5);

    private readonly MemoryCache _local;
    private readonly IGrainFactory _grains;
    private readonly AuthorizerFunctionClient _functions;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _callLease;
    private readonly string _accountId;
    private readonly ILogger<AuthorizerResultCache> _logger;
    // Concurrent misses for one identity on this edge share one grain lookup (and so at most one call).
    private readonly ConcurrentDictionary<string, Task<AuthorizerLookup>> _inflight = new(StringComparer.Ordinal);

    public AuthorizerResultCache(
        IOptions<LambdaAuthorizerOptions> options, IOptions<GatewayOptions> gateway, IGrainFactory grains, AuthorizerFunctionClient functions, TimeProvider clock, ILogger<AuthorizerResultCache> logger)
    {
        _local = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.MaxCachedResults });
        _grains = grains;
        _functions = functions;
        _clock = clock;
        _callLease = options.Value.CallTimeout + CallLeaseMargin;
        _accountId = gateway.Value.AccountId;
        _logger = logger;
    }

    /// <summary>The result for this identity: cached here, cached in the cluster, or fetched by calling the function.</summary>
    public ValueTask<AuthorizerLookup> GetAsync(CompiledLambdaAuthorizer authorizer, AuthorizationRequest request, string[] identityValues)
    {
        if (TryGetLocal(authorizer, request.Request.ApiId, identityValues, out var localKey, out var hit))
        {
            return new ValueTask<AuthorizerLookup>(hit);
        }
        // The event is only written on a miss: a hit costs no closure and no serialization.
        return GetMissAsync(authorizer, request.Request.ApiId, identityValues, localKey,
            () => AuthorizerEventWriter.Write(authorizer, request, identityValues, _accountId), request.Context.RequestAborted);
    }

    /// <summary>
    /// The same cache for a caller whose authorizer event is not a REST method request (a WebSocket
    /// <c>$connect</c>): <paramref name="writeEvent"/> builds the function's payload, only when the function is called.
    /// </summary>
    public ValueTask<AuthorizerLookup> GetAsync(
        CompiledLambdaAuthorizer authorizer, string apiId, string[] identityValues, Func<byte[]> writeEvent, CancellationToken cancellationToken)
    {
        if (TryGetLocal(authorizer, apiId, identityValues, out var localKey, out var hit))
        {
            return new ValueTask<AuthorizerLookup>(hit);
        }
        return GetMissAsync(authorizer, apiId, identityValues, localKey, writeEvent, cancellationToken);
    }

    private bool TryGetLocal(CompiledLambdaAuthorizer authorizer, string apiId, string[] identityValues, out string? localKey, out AuthorizerLookup hit)
    {
        hit = null!;
        localKey = null;
        if (authorizer.Ttl <= TimeSpan.Zero)
        {
            return false;
        }
        // Values are joined with a unit separator so ("ab","c") and ("a","bc") stay different identities.
        var identity = string.Join('\u001f', identityValues);
        // The local key holds the identity itself (process memory only, never logged) so a hit costs no hashing;
        // the grain key, which travels and may be logged by the runtime, holds its SHA-256.
        localKey = string.Concat(apiId, "|", authorizer.Definition.Id, "|", identity);
        if (_local.TryGetValue(localKey, out AuthorizerLease? lease) && lease!.Result.ExpiresAt > _clock.GetUtcNow())
        {
            hit = new AuthorizerLookup(lease, default, FromCache: true);
            return true;
        }
        return false;
    }

    private ValueTask<AuthorizerLookup> GetMissAsync(
        CompiledLambdaAuthorizer authorizer, string apiId, string[] identityValues, string? localKey, Func<byte[]> writeEvent, CancellationToken cancellationToken)
    {
        if (localKey is null)
        {
            return new ValueTask<AuthorizerLookup>(CallUncachedAsync(authorizer, writeEvent, cancellationToken));
        }
        var identity = string.Join('\u001f', identityValues);
        return new ValueTask<AuthorizerLookup>(LookupOnceAsync(localKey, AuthorizerResultKeys.For(apiId, authorizer.Definition.Id, identity), authorizer, writeEvent, cancellationToken));
    }

    private Task<AuthorizerLookup> LookupOnceAsync(string key, string grainKey, CompiledLambdaAuthorizer authorizer, Func<byte[]> writeEvent, CancellationToken cancellationToken)
    {
        var created = new TaskCompletionSource<AuthorizerLookup>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _inflight.GetOrAdd(key, created.Task);
        if (running != created.Task)
        {
            return running;
        }
        _ = CompleteAsync();
        return created.Task;

        async Task CompleteAsync()
        {
            try
            {
                created.SetResult(await LookupAsync(key, grainKey, authorizer, writeEvent, cancellationToken));
            }
            catch (Exception exception)
            {
                // Never an unhandled exception on the request path: a failed lookup is an authorizer failure.
                Log.LookupFailed(_logger, authorizer.Definition.Name, exception);
                created.SetResult(new AuthorizerLookup(null, GatewayResponseType.AuthorizerFailure, FromCache: false));
            }
            finally
            {
                _inflight.TryRemove(KeyValuePair.Create(key, created.Task));
            }
        }
    }

    private async Task<AuthorizerLookup> LookupAsync(string key, string grainKey, CompiledLambdaAuthorizer authorizer, Func<byte[]> writeEvent, CancellationToken cancellationToken)
    {
        var grain = _grains.GetGrain<IAuthorizerResultGrain>(grainKey);
        AuthorizerResultLookup answer;
        try
        {
            answer = await grain.Lookup(_callLease);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The cluster is unreachable: authorize this request on our own rather than refuse it; nothing is cached.
            Log.GrainUnavailable(_logger, authorizer.Definition.Name, exception);
            return await CallUncachedAsync(authorizer, writeEvent, cancellationToken);
        }
        if (answer.Result is { } cached)
        {
            return Keep(key, cached, fromCache: true);
        }
        if (answer.Failure is { } failure)
        {
            return new AuthorizerLookup(null, Enum.TryParse<GatewayResponseType>(failure, out var type) ? type : GatewayResponseType.AuthorizerFailure, FromCache: false);
        }

        // This edge was granted the call. The request's own abort must not cancel it: other edges wait for it.
        var outcome = await _functions.CallAsync(authorizer, writeEvent(), CancellationToken.None);
        var result = outcome.Result is null ? null : outcome.Result with { ExpiresAt = _clock.GetUtcNow() + authorizer.Ttl };
        try
        {
            await grain.Complete(answer.CallToken, result, result is null ? outcome.Refusal.ToString() : null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The others will take the call over when the lease lapses; this request has its answer.
            Log.GrainUnavailable(_logger, authorizer.Definition.Name, exception);
        }
        return result is null ? new AuthorizerLookup(null, outcome.Refusal, FromCache: false) : Keep(key, result, fromCache: false);
    }

    private async Task<AuthorizerLookup> CallUncachedAsync(CompiledLambdaAuthorizer authorizer, Func<byte[]> writeEvent, CancellationToken cancellationToken)
    {
        var outcome = await _functions.CallAsync(authorizer, writeEvent(), cancellationToken);
        if (outcome.Result is null)
        {
            return new AuthorizerLookup(null, outcome.Refusal, FromCache: false);
        }
        var lease = AuthorizerLease.From(outcome.Result);
        return lease is null
            ? new AuthorizerLookup(null, GatewayResponseType.AuthorizerConfigurationError, FromCache: false)
            : new AuthorizerLookup(lease, default, FromCache: false);
    }

    private AuthorizerLookup Keep(string key, CachedAuthorizerResult result, bool fromCache)
    {
        var lease = AuthorizerLease.From(result);
        if (lease is null)
        {
            return new AuthorizerLookup(null, GatewayResponseType.AuthorizerConfigurationError, FromCache: false);
        }
        if (result.ExpiresAt > _clock.GetUtcNow())
        {
            using var entry = _local.CreateEntry(key);
            entry.Value = lease;
            entry.Size = 1;
            entry.AbsoluteExpiration = result.ExpiresAt;
        }
        return new AuthorizerLookup(lease, default, fromCache);
    }

    public void Dispose() => _local.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1314, Level = LogLevel.Warning, Message = "Authorizer {Authorizer}: result cache grain unavailable; calling without the cluster cache")]
        public static partial void GrainUnavailable(ILogger logger, string authorizer, Exception exception);

        [LoggerMessage(EventId = 1315, Level = LogLevel.Error, Message = "Authorizer {Authorizer}: lookup failed")]
        public static partial void LookupFailed(ILogger logger, string authorizer, Exception exception);
    }
}

/// <summary>An authorizer lookup: a lease to evaluate, or the refusal to answer.</summary>
internal sealed record AuthorizerLookup(AuthorizerLease? Lease, GatewayResponseType Refusal, bool FromCache);

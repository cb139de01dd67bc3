using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Authorizers;

namespace OrleansGateway.Grains.Authorizers;

/// <summary>
/// One identity's authorizer result, shared by every edge. The grain does not call the authorizer
/// itself: it grants the call to the first edge that asks and parks the others until that edge
/// reports. Edges own the outbound calls because they hold the function URLs, the Polly timeout and
/// circuit breakers and the network route to the user's functions; silos need none of that, and a
/// slow function never ties up a silo thread pool. The result lives in memory only: losing it with
/// a silo costs one extra authorizer call, which is what the cache exists to bound, not to prevent.
/// </summary>
[Reentrant]
public sealed class AuthorizerResultGrain(TimeProvider clock) : Grain, IAuthorizerResultGrain
{
    /// <summary>What parked lookups are told when the granted edge's lease lapsed: retry, and one of them takes the call over.</summary>
    private const string CallLapsed = "CallLapsed";

    private CachedAuthorizerResult? _result;
    private TaskCompletionSource<AuthorizerResultLookup>? _pending;
    private Guid _callToken;
    private DateTimeOffset _callDeadline;

    /// <inheritdoc />
    public async Task<AuthorizerResultLookup> Lookup(TimeSpan callLease)
    {
        // Reentrant: parked lookups interleave with the Complete that releases them; every branch
        // below reads and writes the fields without an await in between, so no lock is needed.
        while (true)
        {
            var now = clock.GetUtcNow();
            if (_result is { } result)
            {
                if (result.ExpiresAt > now)
                {
                    return AuthorizerResultLookup.Cached(result);
                }
                _result = null;
            }
            if (_pending is null || _callDeadline <= now)
            {
                _pending?.TrySetResult(AuthorizerResultLookup.Failed(CallLapsed));
                _pending = new TaskCompletionSource<AuthorizerResultLookup>(TaskCreationOptions.RunContinuationsAsynchronously);
                _callToken = Guid.NewGuid();
                _callDeadline = now + callLease;
                return AuthorizerResultLookup.CallNow(_callToken);
            }
            var pending = _pending;
            try
            {
                var outcome = await pending.Task.WaitAsync(_callDeadline - now, clock);
                if (outcome.Failure == CallLapsed)
                {
                    // The granted edge never reported in time; the loop grants the call to this asker.
                    continue;
                }
                return outcome;
            }
            catch (TimeoutException)
            {
                // Same: the lease of the call lapsed; loop to take it over.
            }
        }
    }

    /// <inheritdoc />
    public Task Complete(Guid callToken, CachedAuthorizerResult? result, string? failure)
    {
        if (callToken != _callToken || _pending is null)
        {
            // A report after its lease lapsed and another edge took the call over: that call decides.
            return Task.CompletedTask;
        }
        var pending = _pending;
        _pending = null;
        var now = clock.GetUtcNow();
        if (result is not null && result.ExpiresAt > now)
        {
            _result = result;
            // Keep the activation (and so the result) alive at least as long as the result is valid.
            DelayDeactivation(result.ExpiresAt - now);
            pending.TrySetResult(AuthorizerResultLookup.Cached(result));
        }
        else
        {
            pending.TrySetResult(result is not null ? AuthorizerResultLookup.Cached(result) : AuthorizerResultLookup.Failed(failure ?? "AuthorizerFailure"));
        }
        return Task.CompletedTask;
    }
}

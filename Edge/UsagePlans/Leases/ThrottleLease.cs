using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// This edge's tokens of one throttle bucket. The request path is an atomic decrement; a renewal is
/// started (single-flight, not awaited) when half of the last grant is spent or three quarters of its
/// lifetime has passed. Only a request that finds no tokens waits, and only for the renewal already
/// on its way. Times are on the edge's monotonic clock, counted from when a lease request was sent.
/// </summary>
internal sealed class ThrottleLease(string bucketKey, ThrottleLeaseClient client, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private long _tokens;
    private long _expiresAt;
    private long _renewAt;
    private long _retryUntil;
    private long _fallbackUntil;
    private long _lastGrant;
    private long _landedAt;
    private long _toReturn;
    private long _demand;
    private long _waiting;
    private long _demandSince = clock.GetTimestamp();
    private long _lastUsed = clock.GetTimestamp();
    private int _retired;
    private readonly SingleFlight _renewal = new();
    private TokenBucket? _fallback;
    private ThrottleSettings? _settings;

    /// <summary>The bucket's grain key.</summary>
    public string BucketKey { get; } = bucketKey;

    /// <summary>Whether eviction took this lease out of service (callers then look the bucket up again).</summary>
    public bool IsRetired => Volatile.Read(ref _retired) != 0;

    /// <summary>Whether the lease was unused since <paramref name="threshold"/> and no renewal is on its way.</summary>
    public bool IsIdleSince(long threshold) =>
        Volatile.Read(ref _lastUsed) < threshold && !_renewal.IsRunning;

    /// <summary>Takes one token; completes synchronously unless the edge holds none and has not been told to back off.</summary>
    public ValueTask<LimitDecision> TryTakeAsync(ThrottleSettings settings, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        Volatile.Write(ref _lastUsed, now);
        Volatile.Write(ref _settings, settings);
        Interlocked.Increment(ref _demand);
        if (now < Volatile.Read(ref _fallbackUntil))
        {
            return new ValueTask<LimitDecision>(TakeFromFallback(settings));
        }
        // Tokens held are spent first; "back off" from the grain only stops asking it for more.
        var retryUntil = Volatile.Read(ref _retryUntil);
        if (TryDecrement(now, out var left))
        {
            if ((left <= Volatile.Read(ref _lastGrant) / 2 || now >= Volatile.Read(ref _renewAt)) && now >= retryUntil)
            {
                _ = StartRenewal();
            }
            return new ValueTask<LimitDecision>(Allowed(settings, left, now));
        }
        if (now < retryUntil)
        {
            // The grain said there is nothing to grant: refuse here, without a grain call per refused request.
            return new ValueTask<LimitDecision>(Refused(settings, clock.GetElapsedTime(now, retryUntil)));
        }
        return WaitForRenewalAsync(settings, cancellationToken);
    }

    /// <summary>Takes the lease out of service and gives back every token it still holds.</summary>
    public async Task RetireAsync()
    {
        Volatile.Write(ref _retired, 1);
        var now = clock.GetTimestamp();
        var held = now < Volatile.Read(ref _expiresAt) ? Math.Max(0, Interlocked.Exchange(ref _tokens, 0)) : 0;
        var returned = held + Interlocked.Exchange(ref _toReturn, 0);
        if (returned > 0 && Volatile.Read(ref _settings) is { } settings)
        {
            await client.TryReturnAsync(BucketKey, settings, (int)Math.Min(int.MaxValue, returned));
        }
    }

    private async ValueTask<LimitDecision> WaitForRenewalAsync(ThrottleSettings settings, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return await WaitForTokenAsync(settings, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private async ValueTask<LimitDecision> WaitForTokenAsync(ThrottleSettings settings, CancellationToken cancellationToken)
    {
        // The tokens a renewal brought can be spent by the requests that queued with this one, which
        // does not mean the bucket is empty: ask once more before refusing. Only the grain's "back
        // off" refuses at once.
        for (var attempt = 0; ; attempt++)
        {
            await StartRenewal().WaitAsync(cancellationToken);
            var now = clock.GetTimestamp();
            if (now < Volatile.Read(ref _fallbackUntil))
            {
                return TakeFromFallback(settings);
            }
            // The grant this request waited for landed in time (a lapsed one is turned away in
            // RenewAsync); a request resumed late by a busy machine still gets to spend it.
            var landedAt = Volatile.Read(ref _landedAt);
            if (TryDecrement(landedAt > 0 && landedAt < now ? landedAt : now, out var left))
            {
                return Allowed(settings, left, now);
            }
            var retryUntil = Volatile.Read(ref _retryUntil);
            if (now < retryUntil)
            {
                return Refused(settings, clock.GetElapsedTime(now, retryUntil));
            }
            if (attempt >= 1)
            {
                // Come back after about one token's worth of time.
                return Refused(settings, TimeSpan.FromSeconds(Math.Clamp(1 / Math.Max(settings.RateLimit, 0.001), 0.001, 1)));
            }
        }
    }

    private bool TryDecrement(long now, out long left)
    {
        if (now >= Volatile.Read(ref _expiresAt))
        {
            // Unspent tokens of a lapsed grant go back with the next renewal: they were never spent.
            var lapsed = Interlocked.Exchange(ref _tokens, 0);
            if (lapsed > 0)
            {
                Interlocked.Add(ref _toReturn, lapsed);
            }
            left = 0;
            return false;
        }
        var current = Volatile.Read(ref _tokens);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _tokens, current - 1, current);
            if (seen == current)
            {
                left = current - 1;
                return true;
            }
            current = seen;
        }
        left = 0;
        return false;
    }

    private Task StartRenewal() => _renewal.Run(static lease => lease.RenewAsync(), this);

    private async Task RenewAsync()
    {
        // Off the caller's stack: the request that triggered the renewal does not wait for it.
        await Task.Yield();
        var settings = Volatile.Read(ref _settings)!;
        // Only a grant from this renewal may be spent late by the requests waiting for it.
        Volatile.Write(ref _landedAt, 0);
        var sentAt = clock.GetTimestamp();
        var demand = Interlocked.Exchange(ref _demand, 0);
        var rate = LeaseSizing.DemandRate(demand, clock.GetElapsedTime(Interlocked.Exchange(ref _demandSince, sentAt), sentAt));
        var want = LeaseSizing.ThrottleWant(rate, ThrottleLeaseClient.LeaseWindow, settings, Volatile.Read(ref _waiting));
        var returned = (int)Math.Min(int.MaxValue, Interlocked.Exchange(ref _toReturn, 0));

        var grant = await client.TryLeaseAsync(BucketKey, settings, want, returned);
        if (grant is not null && clock.GetTimestamp() >= sentAt + Ticks(grant.ValidFor))
        {
            // The answer took longer than the grant lives (a grain moving off a dead silo, a stalled
            // machine): a grain that slow is as good as unreachable for this edge's traffic, so the
            // tokens go back with the next renewal and the bucket runs on its fallback meanwhile.
            Interlocked.Add(ref _toReturn, grant.Tokens);
            grant = null;
        }
        if (grant is null)
        {
            // Fail-open to this bucket's configured rate on this edge alone (docs/limits.md).
            lock (_gate)
            {
                _fallback ??= new TokenBucket(settings.RateLimit, settings.BurstLimit, clock);
                _fallback.Reconfigure(settings.RateLimit, settings.BurstLimit);
            }
            Volatile.Write(ref _fallbackUntil, clock.GetTimestamp() + Ticks(client.FallbackDuration));
            return;
        }
        if (grant.Tokens > 0)
        {
            var expiresAt = sentAt + Ticks(grant.ValidFor);
            Volatile.Write(ref _expiresAt, expiresAt);
            Volatile.Write(ref _renewAt, sentAt + Ticks(grant.ValidFor * 0.75));
            Volatile.Write(ref _lastGrant, grant.Tokens);
            Volatile.Write(ref _retryUntil, 0);
            Volatile.Write(ref _landedAt, clock.GetTimestamp());
            // Added to what is left of the previous grant (at most half of it: renewal starts at the
            // low-water mark), which the edge spends first; see docs/limits.md for the bound.
            Interlocked.Add(ref _tokens, grant.Tokens);
        }
        else
        {
            Volatile.Write(ref _retryUntil, clock.GetTimestamp() + Ticks(grant.RetryAfter));
        }
    }

    private LimitDecision TakeFromFallback(ThrottleSettings settings)
    {
        lock (_gate)
        {
            var bucket = _fallback!;
            if (bucket.Take(1) == 1)
            {
                return new LimitDecision(true, Limit(settings), (long)bucket.Available, TimeSpan.Zero, TimeSpan.Zero);
            }
            var wait = bucket.TimeUntil(1);
            return Refused(settings, wait == Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(1) : wait);
        }
    }

    private LimitDecision Allowed(ThrottleSettings settings, long left, long now) =>
        new(true, Limit(settings), left, clock.GetElapsedTime(now, Math.Max(now, Volatile.Read(ref _expiresAt))), TimeSpan.Zero);

    private static LimitDecision Refused(ThrottleSettings settings, TimeSpan retryAfter) =>
        new(false, Limit(settings), 0, retryAfter, retryAfter);

    private static long Limit(ThrottleSettings settings) => (long)Math.Ceiling(settings.RateLimit);

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);
}

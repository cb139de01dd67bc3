using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// This edge's tokens of one throttle bucket. The request path is an atomic decrement; a renewal is
/// started (single-flight, not awaited) when half of the last grant is spent or three quarters of its
/// lifetime has passed. Only a request that finds no tokens waits, and only for the renewal already
/// on its way. Times are on the edge's monotonic clock, counted from when a lease request was sent.
/// A cold per-client bucket (no live grant, nothing on its way) has a standing allowance of one
/// token per lease window: its request is admitted at once and the token is charged to the bucket
/// with the next batch, so a key seen every few seconds never waits for a grain call.
/// </summary>
internal sealed class ThrottleLease(string bucketKey, ThrottleLeaseClient client, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private long _tokens;
    // Both start "long ago" so that a new lease counts as cold whatever the clock's origin.
    private long _expiresAt = long.MinValue / 2;
    private long _renewAt;
    private long _retryUntil = long.MinValue / 2;
    private long _fallbackUntil;
    private long _lastGrant;
    private long _landedAt;
    private long _toReturn;
    private long _demand;
    private long _waiting;
    private long _demandSince = clock.GetTimestamp();
    private long _lastUsed = clock.GetTimestamp();
    private int _retired;
    private long _borrowed;
    private long _lastBorrowAt = long.MinValue / 2;
    private readonly bool _standingAllowance = client.HasStandingAllowance(bucketKey);
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
        if (TryBorrow(now))
        {
            _ = StartRenewal();
            return new ValueTask<LimitDecision>(Allowed(settings, 0, now));
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
        var borrowed = Interlocked.Exchange(ref _borrowed, 0);
        if ((returned > 0 || borrowed > 0) && Volatile.Read(ref _settings) is { } settings)
        {
            await client.TryReturnAsync(BucketKey, settings, (int)Math.Min(int.MaxValue, returned), (int)borrowed);
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
            var renewal = StartRenewal();
            client.Expedite(BucketKey);
            // Always resumed on the thread pool: a batched renewal completes on the batch sender's
            // thread, which must not run this request's remaining pipeline.
            await renewal.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
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

    /// <summary>
    /// Spends the standing allowance: only for a cold bucket — no grant and no back-off within the last
    /// lease window, no renewal on its way, no debt not yet reported, no allowance spent within the
    /// last lease window. So each edge owes
    /// a bucket at most one token the grain has not seen (the over-admission bound in docs/limits.md).
    /// </summary>
    private bool TryBorrow(long now)
    {
        if (!_standingAllowance
            || _renewal.IsRunning
            // Cold means quiet for a whole window since the last grant lapsed and the last back-off
            // ended: a key refused or granted moments ago is busy, and for a busy key the allowance
            // would only add a token per edge per window on top of its rate.
            || now < Volatile.Read(ref _expiresAt) + Ticks(ThrottleLeaseClient.LeaseWindow)
            || now < Volatile.Read(ref _retryUntil) + Ticks(ThrottleLeaseClient.LeaseWindow)
            || now < Volatile.Read(ref _lastBorrowAt) + Ticks(ThrottleLeaseClient.LeaseWindow)
            || Interlocked.CompareExchange(ref _borrowed, 1, 0) != 0)
        {
            return false;
        }
        Volatile.Write(ref _lastBorrowAt, now);
        return true;
    }

    private Task StartRenewal() => _renewal.Run(static lease => lease.RenewAsync(), this);

    private async Task RenewAsync()
    {
        // Urgent when a request waits, and for a hot bucket renewing ahead of running dry: its edge
        // spends tokens every few milliseconds, and holding its renewal for the shard's batch interval
        // starved it under load (3 edges at 3x the rate admitted 45% of it). Only a cold bucket's
        // first lease after its standing allowance, and debt reports, ride the next batch — that is
        // where batching pays, with many keys each seen now and then.
        var urgent = Volatile.Read(ref _waiting) > 0 || clock.GetTimestamp() < Volatile.Read(ref _expiresAt);
        if (!client.QueuesWithoutCalling(BucketKey, urgent))
        {
            // Off the caller's stack: the request that triggered the renewal does not wait for the call.
            // A cold batched bucket skips this hop: its renewal is only queued here, and with 100,000
            // keys nearly every request is such a bucket's, so the hop doubled the edge's thread-pool
            // work items (docs/limits-scale.md).
            await Task.Yield();
        }
        var settings = Volatile.Read(ref _settings)!;
        // Only a grant from this renewal may be spent late by the requests waiting for it.
        Volatile.Write(ref _landedAt, 0);
        var sentAt = clock.GetTimestamp();
        var demand = Interlocked.Exchange(ref _demand, 0);
        var rate = LeaseSizing.DemandRate(demand, clock.GetElapsedTime(Interlocked.Exchange(ref _demandSince, sentAt), sentAt));
        var want = LeaseSizing.ThrottleWant(rate, ThrottleLeaseClient.LeaseWindow, settings, Volatile.Read(ref _waiting));
        var returned = (int)Math.Min(int.MaxValue, Interlocked.Exchange(ref _toReturn, 0));
        var borrowed = (int)Interlocked.Exchange(ref _borrowed, 0);
        // Decided again after the hop: a request may have started waiting meanwhile.
        urgent = Volatile.Read(ref _waiting) > 0 || sentAt < Volatile.Read(ref _expiresAt);
        var grant = await client.TryLeaseAsync(BucketKey, settings, want, returned, borrowed, urgent);
        if (grant is null && borrowed > 0)
        {
            // Unknown whether the grain charged it: charging it again later under-admits by one at worst.
            Interlocked.Add(ref _borrowed, borrowed);
        }
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
                // The standing allowance already admitted these on this edge: a fallback that does
                // not count them admits them a second time (a 1 req/s bucket let a second request
                // through when its first lease answered late).
                _fallback.Charge(borrowed);
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
            Volatile.Write(ref _retryUntil, long.MinValue / 2);
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

using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// This edge's units of one key's quota. The request path counts the unit as spent, then takes it
/// with an atomic decrement (in that order, so a report never misses a unit that was taken); a
/// renewal reporting what was spent starts (single-flight, not awaited) when a quarter of the last
/// grant is left or three quarters of its lifetime has passed. Units are never spent after their
/// lifetime (edge's monotonic clock, from when the request was sent) or after the period's end.
/// </summary>
internal sealed class QuotaLease(string planId, string keyId, QuotaLeaseClient client, TimeProvider clock)
{
    /// <summary>
    /// Longest this edge refuses on its own before asking the grain again, even when the grain said
    /// "next period": UpdateUsage may raise the remainder at any time.
    /// </summary>
    internal static readonly TimeSpan MaxLocalBackoff = TimeSpan.FromSeconds(10);

    private long _units;
    private long _spent;
    private long _epoch;
    private long _expiresAt;
    private long _renewAt;
    private long _periodEndTicks = DateTimeOffset.MaxValue.UtcTicks;
    private long _retryUntil;
    private long _refusedUntilTicks;
    private int _unreachable;
    private long _lastGrant;
    private long _remainingElsewhere;
    private long _demand;
    private long _waiting;
    private long _demandSince = clock.GetTimestamp();
    private long _lastUsed = clock.GetTimestamp();
    private int _mustRelease;
    private int _retired;
    private readonly SingleFlight _renewal = new();
    private QuotaSettings? _quota;

    /// <summary>Whether eviction took this lease out of service.</summary>
    public bool IsRetired => Volatile.Read(ref _retired) != 0;

    /// <summary>True when what this lease holds expires before <paramref name="timestamp"/> (so it must be released before then).</summary>
    public bool ExpiresBefore(long timestamp) => Volatile.Read(ref _expiresAt) < timestamp;

    /// <summary>Whether the lease was unused since <paramref name="threshold"/> and no renewal is on its way.</summary>
    public bool IsIdleSince(long threshold) =>
        Volatile.Read(ref _lastUsed) < threshold && !_renewal.IsRunning;

    /// <summary>When a request last used this lease (edge's monotonic clock).</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    /// <summary>Takes one unit; completes synchronously unless the edge holds none and has not been told to back off.</summary>
    public ValueTask<LimitDecision> TryTakeAsync(QuotaSettings quota, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        Volatile.Write(ref _lastUsed, now);
        Volatile.Write(ref _quota, quota);
        Interlocked.Increment(ref _demand);
        // Tokens held are spent first; "back off" from the grain only stops asking it for more.
        var retryUntil = Volatile.Read(ref _retryUntil);
        if (TryDecrement(now, out var left))
        {
            if ((left <= Volatile.Read(ref _lastGrant) / 4 || now >= Volatile.Read(ref _renewAt)) && now >= retryUntil)
            {
                _ = StartRenewal();
            }
            return new ValueTask<LimitDecision>(Allowed(quota, left));
        }
        if (now < retryUntil)
        {
            // The grain said there is nothing to grant: refuse here, without a grain call per refused request.
            return new ValueTask<LimitDecision>(Refused(quota, clock.GetElapsedTime(now, retryUntil)));
        }
        return WaitForRenewalAsync(quota, cancellationToken);
    }

    /// <summary>Takes the lease out of service: reports what was spent and releases the rest.</summary>
    public async Task RetireAsync()
    {
        Volatile.Write(ref _retired, 1);
        Interlocked.Exchange(ref _units, 0);
        var spent = Interlocked.Exchange(ref _spent, 0);
        var epoch = Volatile.Read(ref _epoch);
        if (epoch != 0 && Volatile.Read(ref _quota) is { } quota)
        {
            // A failure here leaves the grant to expire on the grain, which counts it as used: never over-admits.
            await client.TryLeaseAsync(planId, keyId, quota, epoch, spent, releaseRest: true, want: 0);
        }
    }

    private async ValueTask<LimitDecision> WaitForRenewalAsync(QuotaSettings quota, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return await WaitForUnitAsync(quota, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private async ValueTask<LimitDecision> WaitForUnitAsync(QuotaSettings quota, CancellationToken cancellationToken)
    {
        // More waiters than one grant covers are not refused while the grain still has units: a few
        // more renewals first. The grain's RetryAfter (nothing left to grant) ends the loop at once.
        long now;
        for (var attempt = 0; ; attempt++)
        {
            await StartRenewal().WaitAsync(cancellationToken);
            now = clock.GetTimestamp();
            if (TryDecrement(now, out var left))
            {
                return Allowed(quota, left);
            }
            if (attempt == 2 || now < Volatile.Read(ref _retryUntil))
            {
                break;
            }
        }
        var retryUntil = Volatile.Read(ref _retryUntil);
        return Refused(quota, now < retryUntil ? clock.GetElapsedTime(now, retryUntil) : TimeSpan.FromSeconds(1));
    }

    private bool TryDecrement(long now, out long left)
    {
        left = 0;
        if (now >= Volatile.Read(ref _expiresAt) || clock.GetUtcNow().UtcTicks >= Volatile.Read(ref _periodEndTicks))
        {
            // Never spent after their lifetime or period: dropped here and released at the next renewal.
            if (Interlocked.Exchange(ref _units, 0) > 0)
            {
                Volatile.Write(ref _mustRelease, 1);
            }
            return false;
        }
        Interlocked.Increment(ref _spent);
        var current = Volatile.Read(ref _units);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _units, current - 1, current);
            if (seen == current)
            {
                left = current - 1;
                return true;
            }
            current = seen;
        }
        Interlocked.Decrement(ref _spent);
        return false;
    }

    private Task StartRenewal() => _renewal.Run(static lease => lease.RenewAsync(), this);

    private async Task RenewAsync()
    {
        await Task.Yield();
        var quota = Volatile.Read(ref _quota)!;
        var sentAt = clock.GetTimestamp();
        var demand = Interlocked.Exchange(ref _demand, 0);
        var rate = LeaseSizing.DemandRate(demand, clock.GetElapsedTime(Interlocked.Exchange(ref _demandSince, sentAt), sentAt));
        var want = LeaseSizing.QuotaWant(rate, QuotaLeaseClient.LeaseWindow, Volatile.Read(ref _waiting));
        var release = Interlocked.Exchange(ref _mustRelease, 0) == 1;
        if (release)
        {
            Interlocked.Exchange(ref _units, 0);
        }
        // Read after the units were dropped: a unit taken before the drop was counted before it was taken.
        var spent = Interlocked.Exchange(ref _spent, 0);
        var epoch = Volatile.Read(ref _epoch);

        var grant = await client.TryLeaseAsync(planId, keyId, quota, epoch, spent, release, want);
        if (grant is null)
        {
            // Unknown outcome. Drop what is held and re-report under the old epoch: if the grain applied
            // the call, the epoch no longer matches, the old grant counts as used in full and the report
            // is ignored; if it did not, the report commits and the rest is released. Either way nothing
            // is counted twice, and this key is refused (never over-admitted) until the grain answers.
            Interlocked.Exchange(ref _units, 0);
            Interlocked.Add(ref _spent, spent);
            Volatile.Write(ref _mustRelease, 1);
            Volatile.Write(ref _retryUntil, clock.GetTimestamp() + Ticks(client.FailureRetry));
            Volatile.Write(ref _unreachable, 1);
            return;
        }
        Volatile.Write(ref _unreachable, 0);
        Volatile.Write(ref _epoch, grant.Epoch);
        Volatile.Write(ref _periodEndTicks, grant.PeriodEnd.UtcTicks);
        Volatile.Write(ref _remainingElsewhere, grant.Remaining);
        if (grant.Epoch != 0)
        {
            // The grain extended everything this edge holds to a new lifetime from its "now"; counting
            // from when the request was sent keeps the edge's deadline earlier than the grain's.
            Volatile.Write(ref _expiresAt, sentAt + Ticks(grant.ValidFor));
            Volatile.Write(ref _renewAt, sentAt + Ticks(grant.ValidFor * RenewalFraction(grant.ValidFor)));
        }
        if (grant.Units > 0)
        {
            Volatile.Write(ref _lastGrant, grant.Units);
            Volatile.Write(ref _retryUntil, 0);
            Volatile.Write(ref _refusedUntilTicks, 0);
            Interlocked.Add(ref _units, grant.Units);
        }
        else if (grant.RetryAfter > TimeSpan.Zero && Volatile.Read(ref _units) <= 0)
        {
            Volatile.Write(ref _refusedUntilTicks, clock.GetUtcNow().UtcTicks + grant.RetryAfter.Ticks);
            Volatile.Write(ref _retryUntil, clock.GetTimestamp() + Ticks(grant.RetryAfter < MaxLocalBackoff ? grant.RetryAfter : MaxLocalBackoff));
        }
    }

    /// <summary>
    /// When to renew, as a fraction of the grant's lifetime: three quarters for a short grant; for a
    /// standing grant (minutes) a random point from half to 85 %, so that the keys an edge first saw
    /// together (a restart, a benchmark's first round) do not all renew in the same few seconds: with
    /// 100,000 keys that wave was one quota call per request for as long as it lasted.
    /// </summary>
    private static double RenewalFraction(TimeSpan validFor) =>
        validFor < TimeSpan.FromMinutes(1) ? 0.75 : 0.5 + (Random.Shared.NextDouble() * 0.35);

    private LimitDecision Allowed(QuotaSettings quota, long left) =>
        new(true, quota.Limit, left + Volatile.Read(ref _remainingElsewhere), ResetAfter(), TimeSpan.Zero);

    private LimitDecision Refused(QuotaSettings quota, TimeSpan retryAfter)
    {
        // The client is told when the grain expects units again, not when this edge will next ask.
        var told = TimeSpan.FromTicks(Volatile.Read(ref _refusedUntilTicks) - clock.GetUtcNow().UtcTicks);
        return new(false, quota.Limit, 0, ResetAfter(), told > retryAfter ? told : retryAfter)
        {
            AuthorityUnreachable = Volatile.Read(ref _unreachable) != 0,
        };
    }

    private TimeSpan ResetAfter()
    {
        var end = Volatile.Read(ref _periodEndTicks);
        var now = clock.GetUtcNow().UtcTicks;
        return end == DateTimeOffset.MaxValue.UtcTicks || end <= now ? TimeSpan.Zero : TimeSpan.FromTicks(end - now);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);
}

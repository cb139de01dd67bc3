using OrleansGateway.Grains.Interfaces.Waf.RateBased;

namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>
/// One aggregate key of one rule on this edge. The request path is a handful of atomic operations
/// on this object, no lock, no allocation and no remote call: a key is admitted out of the allowance
/// its shard granted, or without one while it is well under its limit (at most
/// <see cref="WafRateLimits.FreePerFlush"/> per flush), and refused when the shard said it is over
/// the limit or this edge has spent its share. Everything counted goes to the shard with the next
/// flush. Times are on the edge's monotonic clock.
/// </summary>
internal sealed class WafRateKeyEntry(string key, int shard, long createdAt)
{
    private long _lastUsed = createdAt;
    private long _pending;
    private long _spent;
    private long _free;
    private long _allowance;
    private long _known;
    private long _knownAt;
    private long _blockedUntil;
    private int _wantsAllowance;
    private long _localStart = createdAt;
    private long _localCurrent;
    private long _localPrevious;

    /// <summary>The aggregate key.</summary>
    public string Key { get; } = key;

    /// <summary>The key's shard (<see cref="WafRateShards.ShardOf"/>).</summary>
    public int Shard { get; } = shard;

    /// <summary>Whether the edge holds allowance its shard knows of (it must hear from the edge to keep it).</summary>
    public bool HoldsAllowance => Volatile.Read(ref _allowance) > 0;

    /// <summary>Counts one request and says whether it gets the rule's action.</summary>
    public bool CountAndCheck(long now, in WafRateLimits limits, bool onOwn)
    {
        Volatile.Write(ref _lastUsed, now);
        if (now < Volatile.Read(ref _blockedUntil))
        {
            Count(now, limits.WindowTicks);
            return true;
        }
        if (onOwn)
        {
            // The shard is unreachable: this edge applies the limit to its own traffic alone.
            Count(now, limits.WindowTicks);
            return LocalEstimate(now, limits.WindowTicks) > limits.Limit;
        }
        if (TryTakeAllowance())
        {
            Interlocked.Increment(ref _spent);
            Count(now, limits.WindowTicks);
            return false;
        }
        if (Known(now, limits) + Volatile.Read(ref _pending) < limits.FreeUpTo && Interlocked.Increment(ref _free) <= limits.FreePerFlush)
        {
            Count(now, limits.WindowTicks);
            return false;
        }
        // This edge has spent its share of the key's headroom: refused until the next flush brings
        // more. Counted only once the key is known to be at its limit (then it is over it, and WAF
        // counts every request, so a client that keeps hammering stays blocked); below that, counting
        // refusals the cluster's bookkeeping caused would push a client under its limit over it.
        if (Known(now, limits) >= limits.Limit)
        {
            Count(now, limits.WindowTicks);
        }
        Volatile.Write(ref _wantsAllowance, 1);
        return true;
    }

    /// <summary>
    /// What to send for this key (null: nothing), taking the counts since the last report. With
    /// <paramref name="release"/> the key is being forgotten and its allowance goes back.
    /// </summary>
    public WafRateKeyCount? TakeReport(long now, in WafRateLimits limits, bool release)
    {
        var counted = Interlocked.Exchange(ref _pending, 0);
        var spent = Interlocked.Exchange(ref _spent, 0);
        Interlocked.Exchange(ref _free, 0);
        var refused = Interlocked.Exchange(ref _wantsAllowance, 0) == 1;
        if (release)
        {
            var held = Interlocked.Exchange(ref _allowance, 0);
            return counted > 0 || spent > 0 || held > 0 ? new WafRateKeyCount(Key, counted, spent, 0, true) : null;
        }
        long want = 0;
        var allowance = Volatile.Read(ref _allowance);
        // Ask ahead of need once the key is past a quarter of its limit, so an active key's next
        // allowance is in hand before this edge runs out: two flush intervals of its demand.
        var target = Math.Max(limits.FreePerFlush, 2 * counted);
        if (refused || (counted > 0 && Known(now, limits) + counted >= limits.AskFrom && allowance < target))
        {
            want = Math.Max(1, target - allowance);
        }
        return counted > 0 || spent > 0 || want > 0 ? new WafRateKeyCount(Key, counted, spent, want, false) : null;
    }

    /// <summary>Puts the counts of a report that could not be sent back, to go with the next one.</summary>
    public void Restore(WafRateKeyCount item)
    {
        Interlocked.Add(ref _pending, item.Counted);
        Interlocked.Add(ref _spent, item.Spent);
    }

    /// <summary>
    /// Drops the allowance (its shard could not be reached, and forgets allowances of edges it does
    /// not hear from).
    /// </summary>
    public void DropAllowance() => Interlocked.Exchange(ref _allowance, 0);

    /// <summary>
    /// Takes in the shard's verdict on this key (null: no verdict, the key is under a quarter of its
    /// limit). <paramref name="sentAt"/> dates the count; the block runs from <paramref name="arrivedAt"/>,
    /// which errs towards blocking a little longer rather than unblocking early.
    /// </summary>
    public void Apply(WafRateVerdict? verdict, long sentAt, long arrivedAt, long frequency)
    {
        Volatile.Write(ref _known, verdict?.Count ?? 0);
        Volatile.Write(ref _knownAt, sentAt);
        if (verdict is null)
        {
            Volatile.Write(ref _blockedUntil, 0);
            return;
        }
        if (verdict.BlockedFor > TimeSpan.Zero)
        {
            Interlocked.Exchange(ref _allowance, 0);
            Volatile.Write(ref _blockedUntil, arrivedAt + (long)(verdict.BlockedFor.TotalSeconds * frequency));
            return;
        }
        Volatile.Write(ref _blockedUntil, 0);
        if (verdict.Grant > 0)
        {
            Interlocked.Add(ref _allowance, verdict.Grant);
        }
    }

    /// <summary>Whether the key can be forgotten: unused since <paramref name="idleBefore"/>, nothing unreported, not blocked.</summary>
    public bool IsIdle(long idleBefore, long now) =>
        Volatile.Read(ref _lastUsed) < idleBefore
        && Volatile.Read(ref _pending) == 0
        && now >= Volatile.Read(ref _blockedUntil);

    private long Known(long now, in WafRateLimits limits) =>
        now - Volatile.Read(ref _knownAt) < limits.KnownLifetimeTicks ? Volatile.Read(ref _known) : 0;

    private bool TryTakeAllowance()
    {
        var current = Volatile.Read(ref _allowance);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _allowance, current - 1, current);
            if (seen == current)
            {
                return true;
            }
            current = seen;
        }
        return false;
    }

    /// <summary>
    /// This edge's own count over two fixed windows (the previous one weighted by how much of it
    /// still overlaps the sliding window): only used while the shard is unreachable.
    /// </summary>
    private void Count(long now, long windowTicks)
    {
        Interlocked.Increment(ref _pending);
        CountLocally(now, windowTicks);
    }

    private void CountLocally(long now, long windowTicks)
    {
        var start = Volatile.Read(ref _localStart);
        if (now - start >= windowTicks)
        {
            var elapsedWindows = (now - start) / windowTicks;
            var aligned = start + elapsedWindows * windowTicks;
            if (Interlocked.CompareExchange(ref _localStart, aligned, start) == start)
            {
                var finished = Interlocked.Exchange(ref _localCurrent, 0);
                Volatile.Write(ref _localPrevious, elapsedWindows == 1 ? finished : 0);
            }
        }
        Interlocked.Increment(ref _localCurrent);
    }

    private long LocalEstimate(long now, long windowTicks)
    {
        var intoCurrent = Math.Clamp(now - Volatile.Read(ref _localStart), 0, windowTicks);
        var previous = Volatile.Read(ref _localPrevious);
        return (long)(previous * ((double)(windowTicks - intoCurrent) / windowTicks)) + Volatile.Read(ref _localCurrent);
    }
}

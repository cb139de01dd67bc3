namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// A token bucket: <c>rate</c> tokens per second refill a bucket holding at most <c>burst</c>.
/// Pure arithmetic on timestamps the caller passes in (a <see cref="TimeProvider"/>'s
/// <c>GetTimestamp</c>), so the throttle grain and the edge's fail-open fallback share it and tests
/// drive it with a fake clock. Not thread-safe: a grain is single-threaded, other callers lock.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _refilledAt;

    /// <summary>A full bucket (API Gateway starts a client with its whole burst available).</summary>
    public TokenBucket(double rate, int burst, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        Rate = Math.Max(0, rate);
        Burst = Math.Max(0, burst);
        _tokens = Burst;
        _refilledAt = clock.GetTimestamp();
    }

    /// <summary>Tokens added per second.</summary>
    public double Rate { get; private set; }

    /// <summary>Most tokens the bucket holds.</summary>
    public int Burst { get; private set; }

    /// <summary>Whole and fractional tokens available now.</summary>
    public double Available
    {
        get
        {
            Refill();
            return _tokens;
        }
    }

    /// <summary>Applies new settings; what the bucket holds is capped at the new burst.</summary>
    public void Reconfigure(double rate, int burst)
    {
        Refill();
        Rate = Math.Max(0, rate);
        Burst = Math.Max(0, burst);
        _tokens = Math.Min(_tokens, Burst);
    }

    /// <summary>Takes up to <paramref name="want"/> whole tokens; returns how many it took.</summary>
    public int Take(int want)
    {
        Refill();
        var taken = (int)Math.Min(Math.Max(0, want), Math.Floor(_tokens));
        _tokens -= taken;
        return taken;
    }

    /// <summary>Puts back tokens someone did not spend; the bucket never exceeds its burst.</summary>
    public void GiveBack(int tokens)
    {
        Refill();
        _tokens = Math.Min(Burst, _tokens + Math.Max(0, tokens));
    }

    /// <summary>
    /// Charges tokens already spent without asking (an edge's standing allowance): the bucket may go
    /// below zero, and refills from there, so what was spent counts against the rate all the same.
    /// </summary>
    public void Charge(int tokens)
    {
        Refill();
        _tokens -= Math.Max(0, tokens);
    }

    /// <summary>Whether the bucket is full: it is then no different from a new one, and may be dropped.</summary>
    public bool IsFull
    {
        get
        {
            Refill();
            return _tokens >= Burst;
        }
    }

    /// <summary>How long until the bucket holds <paramref name="tokens"/> (zero if it already does; infinite if it never will).</summary>
    public TimeSpan TimeUntil(int tokens)
    {
        Refill();
        var missing = tokens - _tokens;
        if (missing <= 0)
        {
            return TimeSpan.Zero;
        }
        return Rate <= 0 || tokens > Burst ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(missing / Rate);
    }

    private void Refill()
    {
        var now = _clock.GetTimestamp();
        var elapsed = _clock.GetElapsedTime(_refilledAt, now);
        _refilledAt = now;
        if (elapsed > TimeSpan.Zero)
        {
            _tokens = Math.Min(Burst, _tokens + elapsed.TotalSeconds * Rate);
        }
    }
}

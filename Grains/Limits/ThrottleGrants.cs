using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.Limits;

/// <summary>
/// How a bucket answers a lease, shared by <see cref="ThrottleGrain"/> (one bucket) and
/// <see cref="ThrottleShardGrain"/> (many): settle what comes back, take what is asked, or say when a
/// useful chunk will exist.
/// </summary>
internal static class ThrottleGrants
{
    /// <summary>How long granted tokens may be spent, from when the edge sent its request.</summary>
    public static readonly TimeSpan GrantLifetime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While the bucket is empty, an edge is told to come back when a chunk of this share of a
    /// second's rate exists, so a busy refused key costs at most a few calls per second per edge.
    /// </summary>
    private const double UsefulChunkSeconds = 0.1;

    /// <summary>Brings <paramref name="bucket"/> to <paramref name="settings"/> (a new, full one when null).</summary>
    public static TokenBucket Configure(TokenBucket? bucket, ThrottleSettings settings, TimeProvider clock)
    {
        if (bucket is null)
        {
            return new TokenBucket(settings.RateLimit, settings.BurstLimit, clock);
        }
        if (bucket.Rate != settings.RateLimit || bucket.Burst != settings.BurstLimit)
        {
            bucket.Reconfigure(settings.RateLimit, settings.BurstLimit);
        }
        return bucket;
    }

    /// <summary>Gives back <paramref name="returned"/>, charges <paramref name="borrowed"/>, then grants up to <paramref name="want"/>.</summary>
    public static ThrottleGrant Lease(TokenBucket bucket, int want, int returned, int borrowed)
    {
        bucket.GiveBack(returned);
        bucket.Charge(borrowed);
        var tokens = bucket.Take(want);
        if (tokens > 0 || want <= 0)
        {
            return new ThrottleGrant(tokens, GrantLifetime, TimeSpan.Zero);
        }
        var chunk = (int)Math.Clamp(Math.Ceiling(bucket.Rate * UsefulChunkSeconds), 1, Math.Max(1, Math.Min(want, bucket.Burst)));
        var wait = bucket.TimeUntil(chunk);
        // A zero-rate or zero-burst bucket never refills: say "a while" rather than "never".
        if (wait == Timeout.InfiniteTimeSpan || bucket.Burst == 0)
        {
            wait = TimeSpan.FromSeconds(60);
        }
        return new ThrottleGrant(0, GrantLifetime, wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait);
    }
}

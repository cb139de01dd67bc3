using OrleansGateway.Grains.Interfaces.Limits;

namespace OrleansGateway.Grains.Limits;

/// <summary>
/// One token bucket shared by every edge. The bucket lives in memory only: a throttle is a rate over
/// the last second or so, so a bucket lost with a silo comes back full on its next activation, which
/// admits at most one extra burst — cheaper and no less correct than writing a bucket to Redis on
/// every lease. Tokens are valid on the edge for <see cref="GrantLifetime"/> only, so what an edge
/// holds cannot build up beyond one window of the rate.
/// </summary>
public sealed class ThrottleGrain(TimeProvider clock) : Grain, IThrottleGrain
{
    /// <summary>How long granted tokens may be spent, from when the edge sent its request.</summary>
    internal static readonly TimeSpan GrantLifetime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While the bucket is empty, an edge is told to come back when a chunk of this share of a
    /// second's rate exists, so a busy refused key costs at most a few calls per second per edge.
    /// </summary>
    private const double UsefulChunkSeconds = 0.1;

    private TokenBucket? _bucket;

    /// <inheritdoc />
    public Task<ThrottleGrant> Lease(ThrottleLeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = request.Settings;
        if (_bucket is null)
        {
            _bucket = new TokenBucket(settings.RateLimit, settings.BurstLimit, clock);
        }
        else if (_bucket.Rate != settings.RateLimit || _bucket.Burst != settings.BurstLimit)
        {
            _bucket.Reconfigure(settings.RateLimit, settings.BurstLimit);
        }
        _bucket.GiveBack(request.Returned);
        var tokens = _bucket.Take(request.Want);
        if (tokens > 0 || request.Want <= 0)
        {
            return Task.FromResult(new ThrottleGrant(tokens, GrantLifetime, TimeSpan.Zero));
        }
        var chunk = (int)Math.Clamp(Math.Ceiling(_bucket.Rate * UsefulChunkSeconds), 1, Math.Max(1, Math.Min(request.Want, _bucket.Burst)));
        var wait = _bucket.TimeUntil(chunk);
        // A zero-rate or zero-burst bucket never refills: say "a while" rather than "never".
        if (wait == Timeout.InfiniteTimeSpan || _bucket.Burst == 0)
        {
            wait = TimeSpan.FromSeconds(60);
        }
        return Task.FromResult(new ThrottleGrant(0, GrantLifetime, wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait));
    }
}

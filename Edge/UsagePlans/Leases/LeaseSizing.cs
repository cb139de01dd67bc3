using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// How much an edge asks for: what it expects to spend over one lease window at the demand it has
/// observed, clamped. Asking for more would strand units on a quiet edge; asking for less would
/// add grain calls per request.
/// </summary>
public static class LeaseSizing
{
    /// <summary>The shortest interval a demand rate is measured over (a cold lease has no history).</summary>
    public static readonly TimeSpan MinimumMeasuredInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Most quota units one lease asks for.</summary>
    public const long MaxQuotaWant = 10_000;

    /// <summary>Requests per second over <paramref name="interval"/> (measured over at least <see cref="MinimumMeasuredInterval"/>).</summary>
    public static double DemandRate(long requests, TimeSpan interval) =>
        Math.Max(0, requests) / Math.Max(interval.TotalSeconds, MinimumMeasuredInterval.TotalSeconds);

    /// <summary>
    /// Tokens for one window, and at least one for each request already <paramref name="waiting"/> for
    /// this renewal: a burst that queued behind it (after a stall, or after the edge held requests
    /// while it caught up) is larger than its rate suggests, and asking only for the rate would refuse
    /// the rest although the bucket has tokens. At least one, at most the bucket's burst (the grain
    /// cannot give more at once).
    /// </summary>
    public static int ThrottleWant(double demandPerSecond, TimeSpan window, ThrottleSettings settings, long waiting = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var want = Math.Max(Math.Ceiling(Math.Max(0, demandPerSecond) * window.TotalSeconds), waiting);
        return (int)Math.Clamp(want, 1, Math.Max(1, settings.BurstLimit));
    }

    /// <summary>Quota units for one window, and at least one per request already waiting; at least one, at most <see cref="MaxQuotaWant"/>.</summary>
    public static long QuotaWant(double demandPerSecond, TimeSpan window, long waiting = 0)
    {
        var want = Math.Max(Math.Ceiling(Math.Max(0, demandPerSecond) * window.TotalSeconds), waiting);
        return (long)Math.Clamp(want, 1, MaxQuotaWant);
    }
}

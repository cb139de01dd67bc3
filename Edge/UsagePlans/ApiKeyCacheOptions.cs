namespace OrleansGateway.Edge.UsagePlans;

/// <summary>The edge's bounded cache of API key lookups (<c>Gateway:ApiKeys:Cache</c>).</summary>
public sealed class ApiKeyCacheOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:ApiKeys:Cache";

    /// <summary>Most keys held; beyond it the least recently used are dropped (memory stays bounded with a million keys).</summary>
    public int MaxEntries { get; set; } = 250_000;

    /// <summary>
    /// How long a known key is trusted without asking again. Changes are pushed at once, numbered, and
    /// a missed number (or the change log asked for every refresh interval) drops what changed
    /// (<see cref="ApiKeyChangeTracker"/>), so this is only a last resort. A key in use is re-read in
    /// the background at half this: with 100,000 keys in use, five minutes cost about 670 background
    /// grain calls a second on the edge; an hour costs a twelfth of that.
    /// </summary>
    public TimeSpan KnownKeyLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a known key stays cached after it was last read (at least <see cref="KnownKeyLifetime"/>).
    /// Past its lifetime an entry is still answered from the cache while the background re-read runs:
    /// a key used every few minutes ("used in the last hour") then never makes a request wait on the
    /// grain, and staleness past the lifetime lasts only until that re-read lands.
    /// </summary>
    public TimeSpan KnownKeyRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an unknown value is remembered as unknown, so a flood of bad keys does not become a flood of grain calls.</summary>
    public TimeSpan UnknownKeyLifetime { get; set; } = TimeSpan.FromSeconds(10);
}

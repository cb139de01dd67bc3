namespace OrleansGateway.Edge.Iam;

/// <summary>The edge's bounded cache of IAM access keys (<c>Gateway:Iam:Cache</c>).</summary>
public sealed class IamCacheOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Iam:Cache";

    /// <summary>Most access keys held; beyond it the least recently used are dropped.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>
    /// How long a known key is trusted without asking again. Changes (deactivation, deletion,
    /// policy edits) are pushed at once; this only bounds staleness if a push is lost.
    /// </summary>
    public TimeSpan KnownKeyLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an unknown key id is remembered, so a flood of made-up ids does not become a flood of grain calls.</summary>
    public TimeSpan UnknownKeyLifetime { get; set; } = TimeSpan.FromSeconds(5);
}

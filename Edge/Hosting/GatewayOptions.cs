namespace OrleansGateway.Edge.Hosting;

/// <summary>How the edge finds its grains.</summary>
public enum GatewayMode
{
    /// <summary>One process with a co-hosted silo, in-memory storage and localhost clustering.</summary>
    Dev,
    /// <summary>An external Orleans client of a Redis-clustered set of silos.</summary>
    Cluster,
}

/// <summary>Top-level settings, bound from the <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway";

    /// <summary>Dev (default) or Cluster.</summary>
    public GatewayMode Mode { get; set; } = GatewayMode.Dev;

    /// <summary>A stable id for this edge; defaults to host name and data-plane port.</summary>
    public string? EdgeId { get; set; }

    /// <summary>The region in ARNs (<c>arn:aws:execute-api:{Region}:…</c>) and the SigV4 scope callers sign for.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The 12-digit account id in ARNs; callers' access keys belong to this account.</summary>
    public string AccountId { get; set; } = "000000000000";
}

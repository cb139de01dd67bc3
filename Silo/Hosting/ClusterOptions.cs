namespace OrleansGateway.Silo.Hosting;

/// <summary>
/// How silos and edges find each other in cluster mode (<c>Gateway:Cluster</c>). Silo and Edge
/// read the same section, so one set of settings describes one cluster.
/// </summary>
public sealed class GatewayClusterOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Cluster";

    /// <summary>StackExchange.Redis connection string for membership and grain state.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>Orleans service id; grain state is keyed by it, so keep it stable across deployments.</summary>
    public string ServiceId { get; set; } = "orleans-gateway";

    /// <summary>Orleans cluster id; silos and edges must agree.</summary>
    public string ClusterId { get; set; } = "default";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port edges (Orleans clients) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address this silo advertises to the others.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
}

namespace OrleansGateway.Edge.Configuration;

/// <summary>How the edge keeps its routing tables in step with the grains (<c>Gateway:Sync</c>).</summary>
public sealed class ConfigSyncOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Sync";

    /// <summary>
    /// How often the edge re-registers its observer and compares versions. Pushes make changes
    /// visible at once; this only repairs lost pushes and observers lost with a silo.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many APIs are pulled at once during a full catch-up.</summary>
    public int MaxConcurrentPulls { get; set; } = 16;

    /// <summary>
    /// How long a data-plane request waits for the catch-up after the edge regains the cluster
    /// before it is answered 503. The catch-up normally takes milliseconds.
    /// </summary>
    public TimeSpan CatchUpWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An edge that was without any gateway for longer than this holds data-plane requests while it
    /// catches up after it reconnects; after a shorter gap (its gateway's silo died and it moved to
    /// another) it catches up while it goes on serving.
    /// </summary>
    public TimeSpan HoldAfterOutageOf { get; set; } = TimeSpan.FromSeconds(2);
}

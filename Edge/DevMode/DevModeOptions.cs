namespace OrleansGateway.Edge.DevMode;

/// <summary>Settings of the single-process dev mode (<c>Gateway:Dev</c>).</summary>
public sealed class DevModeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Dev";

    /// <summary>Where the generated admin key and certificate are kept (readable only by the user).</summary>
    public string DataDirectory { get; set; } = ".gateway-dev";

    /// <summary>Port of the echo backend dev mode starts on 127.0.0.1; 0 disables it.</summary>
    public int EchoBackendPort { get; set; } = 8070;

    /// <summary>Deploys the sample API from <c>deploy/samples/</c> at start.</summary>
    public bool DeploySamples { get; set; } = true;

    /// <summary>Silo-to-silo port of the co-hosted silo.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port of the co-hosted silo.</summary>
    public int OrleansGatewayPort { get; set; } = 30000;
}

namespace OrleansGateway.Edge.WebSockets;

/// <summary>WebSocket API limits and settings (<c>Gateway:WebSockets</c>); defaults are API Gateway's.</summary>
public sealed class WebSocketApiOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Gateway:WebSockets";

    /// <summary>A connection with no message either way for this long is closed (1001). AWS: 10 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A connection is closed (1001) after this long whatever it does. AWS: 2 hours.</summary>
    public TimeSpan MaxConnectionDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Largest message (all frames together). AWS: 128 KB; larger closes with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 128 * 1024;

    /// <summary>Largest single frame. AWS: 32 KB; larger closes with 1009.</summary>
    public int MaxFrameBytes { get; set; } = 32 * 1024;

    /// <summary>Deepest JSON the route selection reads.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Most messages one connection may send per second before it is closed (1008); 0 disables.</summary>
    public int MaxMessagesPerSecondPerConnection { get; set; } = 1000;

    /// <summary>Domain in <c>apiEndpoint</c> (<c>{apiId}.execute-api.{PublicDomain}</c>).</summary>
    public string PublicDomain { get; set; } = "localhost";

    /// <summary>Scheme in <c>apiEndpoint</c>: <c>wss</c> behind TLS, <c>ws</c> on loopback dev.</summary>
    public string EndpointScheme { get; set; } = "wss";

    /// <summary>How often the edge renews its lease and reports its connections.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the shared sweep checks idle and maximum-duration limits.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);
}

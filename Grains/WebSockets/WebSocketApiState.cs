using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Grains.WebSockets;

/// <summary>The persisted state of one WebSocket API.</summary>
[GenerateSerializer, Alias("og.ws.WebSocketApiState")]
public sealed class WebSocketApiState
{
    /// <summary>Null until created and after deletion.</summary>
    [Id(0)] public WebSocketApiInfo? Info { get; set; }

    /// <summary>Routes by id.</summary>
    [Id(1)] public Dictionary<string, WebSocketRoute> Routes { get; set; } = [];

    /// <summary>Integrations by id.</summary>
    [Id(2)] public Dictionary<string, WebSocketIntegration> Integrations { get; set; } = [];

    /// <summary>Route responses by id.</summary>
    [Id(3)] public Dictionary<string, WebSocketRouteResponse> RouteResponses { get; set; } = [];

    /// <summary>Deployments by id.</summary>
    [Id(4)] public Dictionary<string, WebSocketDeployment> Deployments { get; set; } = [];

    /// <summary>Stages by name.</summary>
    [Id(5)] public Dictionary<string, WebSocketStage> Stages { get; set; } = [];

    /// <summary>Authorizers by id.</summary>
    [Id(7)] public Dictionary<string, AuthorizerDefinition> Authorizers { get; set; } = [];

    /// <summary>Bumped on every change to what edges serve; kept across deletion so versions stay monotonic.</summary>
    [Id(6)] public long ServingVersion { get; set; }
}

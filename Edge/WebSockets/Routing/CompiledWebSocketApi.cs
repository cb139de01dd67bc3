using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Routing;

/// <summary>One WebSocket API as an edge serves it: each deployed stage compiled once when the config arrives.</summary>
internal sealed record CompiledWebSocketApi(string ApiId, long Version, IReadOnlyDictionary<string, CompiledWebSocketStage> Stages)
{
    /// <summary>Compiles every stage of <paramref name="config"/>.</summary>
    public static CompiledWebSocketApi Compile(WebSocketServingConfig config) =>
        new(config.ApiId, config.Version, config.Stages.ToDictionary(
            stage => stage.Key, stage => CompiledWebSocketStage.Compile(stage.Key, stage.Value), StringComparer.Ordinal));
}

/// <summary>A deployed stage: the route selection expression and the routes by key.</summary>
internal sealed record CompiledWebSocketStage(
    string StageName,
    RouteSelectionExpression? Selection,
    IReadOnlyDictionary<string, CompiledWebSocketRoute> Routes,
    IReadOnlyDictionary<string, AuthorizerDefinition> Authorizers)
{
    /// <summary>The route for <paramref name="routeKey"/>, if the stage has one.</summary>
    public CompiledWebSocketRoute? Find(string routeKey) => Routes.GetValueOrDefault(routeKey);

    /// <summary>Compiles a deployment snapshot.</summary>
    public static CompiledWebSocketStage Compile(string stageName, WebSocketApiSnapshot snapshot)
    {
        RouteSelectionExpression.TryParse(snapshot.RouteSelectionExpression, out var selection);
        var integrations = snapshot.Integrations.ToDictionary(i => i.IntegrationId, StringComparer.Ordinal);
        var twoWay = snapshot.RouteResponses.Select(r => r.RouteId).ToHashSet(StringComparer.Ordinal);
        var routes = snapshot.Routes.ToDictionary(
            route => route.RouteKey,
            route => new CompiledWebSocketRoute(
                route,
                route.IntegrationId is { } id ? integrations.GetValueOrDefault(id) : null,
                twoWay.Contains(route.RouteId)),
            StringComparer.Ordinal);
        var authorizers = (snapshot.Authorizers ?? []).ToDictionary(a => a.Id, StringComparer.Ordinal);
        return new CompiledWebSocketStage(stageName, selection, routes, authorizers);
    }
}

/// <summary>A route with its integration resolved; <see cref="TwoWay"/> when a route response sends the integration's answer back.</summary>
internal sealed record CompiledWebSocketRoute(WebSocketRoute Route, WebSocketIntegration? Integration, bool TwoWay)
{
    /// <summary>The route key.</summary>
    public string Key => Route.RouteKey;
}

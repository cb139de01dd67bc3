using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Routing;

/// <summary>One WebSocket API as an edge serves it: each deployed stage compiled once when the config arrives.</summary>
internal sealed record CompiledWebSocketApi(string ApiId, long Version, IReadOnlyDictionary<string, CompiledWebSocketStage> Stages)
{
    /// <summary>Compiles every stage of <paramref name="config"/>; unset route throttle values take <paramref name="account"/>'s.</summary>
    public static CompiledWebSocketApi Compile(WebSocketServingConfig config, ThrottleSettings account) =>
        new(config.ApiId, config.Version, config.Stages.ToDictionary(
            stage => stage.Key,
            stage => CompiledWebSocketStage.Compile(config.ApiId, stage.Key, stage.Value, config.StageSettings?.GetValueOrDefault(stage.Key), account),
            StringComparer.Ordinal));
}

/// <summary>A deployed stage: the route selection expression, the routes by key, and the stage's settings.</summary>
internal sealed record CompiledWebSocketStage(
    string StageName,
    RouteSelectionExpression? Selection,
    IReadOnlyDictionary<string, CompiledWebSocketRoute> Routes,
    IReadOnlyDictionary<string, AuthorizerDefinition> Authorizers)
{
    /// <summary>True when the API key comes from the <c>$connect</c> authorizer's <c>usageIdentifierKey</c> rather than the <c>x-api-key</c> header.</summary>
    public bool ApiKeyFromAuthorizer { get; init; }

    /// <summary>The stage's own settings, when the config carries them.</summary>
    public WebSocketStage? Settings { get; init; }

    /// <summary>The stage's access log, compiled; null when it has none.</summary>
    public AccessLogs.CompiledWebSocketAccessLog? AccessLog { get; init; }

    /// <summary>The route for <paramref name="routeKey"/>, if the stage has one.</summary>
    public CompiledWebSocketRoute? Find(string routeKey) => Routes.GetValueOrDefault(routeKey);

    /// <summary>Compiles a deployment snapshot with the stage's settings.</summary>
    public static CompiledWebSocketStage Compile(
        string apiId, string stageName, WebSocketApiSnapshot snapshot, WebSocketStage? settings, ThrottleSettings account)
    {
        RouteSelectionExpression.TryParse(snapshot.RouteSelectionExpression, out var selection);
        var integrations = snapshot.Integrations.ToDictionary(i => i.IntegrationId, StringComparer.Ordinal);
        var twoWay = snapshot.RouteResponses.Select(r => r.RouteId).ToHashSet(StringComparer.Ordinal);
        var routes = snapshot.Routes.ToDictionary(
            route => route.RouteKey,
            route => new CompiledWebSocketRoute(
                route,
                route.IntegrationId is { } id ? integrations.GetValueOrDefault(id) : null,
                twoWay.Contains(route.RouteId),
                ThrottleFor(apiId, stageName, route.RouteKey, settings, account)),
            StringComparer.Ordinal);
        var authorizers = (snapshot.Authorizers ?? []).ToDictionary(a => a.Id, StringComparer.Ordinal);
        return new CompiledWebSocketStage(stageName, selection, routes, authorizers)
        {
            ApiKeyFromAuthorizer = snapshot.ApiKeySelectionExpression == "$context.authorizer.usageIdentifierKey",
            Settings = settings,
            AccessLog = AccessLogs.CompiledWebSocketAccessLog.From(settings?.AccessLogSettings),
        };
    }

    /// <summary>
    /// The route's own <c>RouteSettings</c> entry, else the stage's <c>DefaultRouteSettings</c>; each
    /// route gets its own bucket (keyed as REST stage method throttles are), also when its limits come
    /// from the default, as API Gateway throttles per route.
    /// </summary>
    private static StageRouteThrottle? ThrottleFor(string apiId, string stageName, string routeKey, WebSocketStage? stage, ThrottleSettings account)
    {
        var setting = stage?.RouteSettings?.GetValueOrDefault(routeKey) is { } own && (own.ThrottlingBurstLimit is not null || own.ThrottlingRateLimit is not null)
            ? own
            : stage?.DefaultRouteSettings;
        if (setting is not { } s || (s.ThrottlingBurstLimit is null && s.ThrottlingRateLimit is null))
        {
            return null;
        }
        return new StageRouteThrottle(
            ThrottleKeys.StageMethod(apiId, stageName, "ws:" + routeKey),
            new ThrottleSettings(s.ThrottlingRateLimit ?? account.RateLimit, s.ThrottlingBurstLimit ?? account.BurstLimit));
    }
}

/// <summary>A route with its integration resolved; <see cref="TwoWay"/> when a route response sends the integration's answer back.</summary>
internal sealed record CompiledWebSocketRoute(WebSocketRoute Route, WebSocketIntegration? Integration, bool TwoWay, StageRouteThrottle? Throttle = null)
{
    /// <summary>The route key.</summary>
    public string Key => Route.RouteKey;
}

/// <summary>A stage route's throttle: its cluster-wide bucket and limits.</summary>
internal sealed record StageRouteThrottle(string BucketKey, ThrottleSettings Settings);

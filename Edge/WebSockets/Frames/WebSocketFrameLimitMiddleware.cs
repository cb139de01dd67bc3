using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Edge.WebSockets.Routing;

namespace OrleansGateway.Edge.WebSockets.Frames;

/// <summary>
/// Runs before ASP.NET Core's WebSocket middleware (which takes the upgrade feature when a request
/// arrives): an HTTP/1.1 upgrade to a WebSocket API this edge serves gets a <see cref="FrameLimitingUpgradeFeature"/>.
/// Other upgrades (REST integrations proxying WebSockets) are left alone.
/// </summary>
internal sealed class WebSocketFrameLimitMiddleware(RequestDelegate next, WebSocketRouteTable routes, IOptions<WebSocketApiOptions> options)
{
    /// <summary>How long a refused client has to answer the close frame, as the gateway's other closes allow.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(2);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade
            && ExecuteApiHost.TryGetApiId(context.Request.Host.Value, out var apiId)
            && routes.Find(apiId) is not null)
        {
            context.Features.Set<IHttpUpgradeFeature>(new FrameLimitingUpgradeFeature(upgrade, options.Value.MaxFrameBytes, Linger));
        }
        return next(context);
    }
}

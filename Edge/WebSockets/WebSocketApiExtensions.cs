using OrleansGateway.Edge.WebSockets.Cluster;
using OrleansGateway.Edge.WebSockets.Connections;
using OrleansGateway.Edge.WebSockets.Integrations;
using OrleansGateway.Edge.WebSockets.Routing;

namespace OrleansGateway.Edge.WebSockets;

/// <summary>Registers and runs WebSocket APIs on the edge.</summary>
public static class WebSocketApiExtensions
{
    /// <summary>Registers the route table, connection registry, integrations, @connections and the cluster sync.</summary>
    public static IServiceCollection AddWebSocketApis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebSocketApiOptions>()
            .Bind(configuration.GetSection(WebSocketApiOptions.Section))
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.MaxConnectionDuration > TimeSpan.Zero, "Gateway:WebSockets: IdleTimeout and MaxConnectionDuration must be positive.")
            .Validate(o => o.MaxMessageBytes is > 0 and <= 16 * 1024 * 1024 && o.MaxFrameBytes is > 125 and <= 16 * 1024 * 1024,
                "Gateway:WebSockets: MaxMessageBytes must be 1 B-16 MiB, MaxFrameBytes 126 B-16 MiB.")
            .Validate(o => o.MaxJsonDepth is > 0 and <= 1024, "Gateway:WebSockets:MaxJsonDepth must be 1-1024.")
            .Validate(o => o.LeaseRenewInterval > TimeSpan.Zero && o.LeaseRenewInterval < TimeSpan.FromSeconds(10), "Gateway:WebSockets:LeaseRenewInterval must be under 10 s (the lease lasts 15 s).")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Gateway:WebSockets:SweepInterval must be positive.")
            .Validate(o => o.EndpointScheme is "ws" or "wss", "Gateway:WebSockets:EndpointScheme must be ws or wss.")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<WebSocketMetrics>();
        services.AddSingleton<WebSocketRouteTable>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<WebSocketIntegrationInvoker>();
        services.AddSingleton<WebSocketSession>();
        services.AddSingleton<ConnectionsCallerAuthorizer>();
        services.AddSingleton<ConnectionsApiHandler>();
        services.AddSingleton<Authorization.ConnectAuthorizer>();
        services.AddSingleton<Limits.WebSocketUsageLimits>();
        // The access-log queue exists only where AddAccessLogs ran; without it there is nothing to write to.
        services.AddSingleton(sp => new AccessLogs.WebSocketAccessLog(
            sp.GetService<DataPlane.AccessLogs.AccessLogQueue>(), sp.GetService<DataPlane.AccessLogs.AccessLogDestinations>()));
        services.AddSingleton<WebSocketEdgeObserver>();
        services.AddHostedService<WebSocketClusterSync>();
        services.AddHostedService<ConnectionLifetimeSweep>();
        return services;
    }

    /// <summary>Serves WebSocket APIs' upgrades and @connections calls; every other request goes on to the REST data plane.</summary>
    public static IApplicationBuilder UseWebSocketApis(this IApplicationBuilder app)
    {
        // Before UseWebSockets, which takes the upgrade feature: the frame limit needs to see the raw stream.
        app.UseMiddleware<Frames.WebSocketFrameLimitMiddleware>();
        app.UseWebSockets(new Microsoft.AspNetCore.Builder.WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        return app.UseMiddleware<WebSocketApiMiddleware>();
    }
}

using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Silo.Hosting;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>Registers and runs per-stage access logs.</summary>
public static class AccessLogExtensions
{
    /// <summary>Binds <c>Gateway:AccessLogs</c>, the queue, the destinations and the background writer.</summary>
    public static IServiceCollection AddAccessLogs(this IServiceCollection services, IConfiguration configuration)
    {
        var clusterMode = (configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new()).Mode == GatewayMode.Cluster;
        services.AddOptions<AccessLogOptions>()
            .Bind(configuration.GetSection(AccessLogOptions.Section))
            .Validate(o => o.QueueCapacity > 0 && o.MaxFileBytes > 0 && o.MaxFiles > 0 && o.RedisMaxLength > 0,
                "Gateway:AccessLogs: QueueCapacity, MaxFileBytes, MaxFiles and RedisMaxLength must be positive.")
            .Validate(o => o.Destinations.Values.All(d => AccessLogDestinations.IsValid(d, clusterMode)),
                "Gateway:AccessLogs:Destinations: each value must be stdout, file:/path or (cluster mode only) redis:streamKey.")
            .ValidateOnStart();
        services.AddOptions<GatewayClusterOptions>().Bind(configuration.GetSection(GatewayClusterOptions.Section));
        services.AddSingleton(sp => new AccessLogQueue(
            sp.GetRequiredService<IOptions<AccessLogOptions>>().Value.QueueCapacity,
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new AccessLogDestinations(
            sp.GetRequiredService<IOptions<AccessLogOptions>>(), sp.GetRequiredService<IOptions<GatewayClusterOptions>>()));
        services.AddHostedService<AccessLogWriter>();
        return services;
    }

    /// <summary>The access-log stage: put it before routing so it sees every request that matched a stage.</summary>
    public static IApplicationBuilder UseAccessLogs(this IApplicationBuilder app) =>
        app.UseMiddleware<AccessLogMiddleware>();
}

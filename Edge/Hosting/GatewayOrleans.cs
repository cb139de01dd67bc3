using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.DevMode;
using OrleansGateway.Silo.Hosting;
using StackExchange.Redis;

namespace OrleansGateway.Edge.Hosting;

/// <summary>Connects the edge to its grains: a co-hosted silo in dev mode, an Orleans client of the Redis-clustered silos otherwise.</summary>
internal static class GatewayOrleans
{
    public static void Configure(WebApplicationBuilder builder, GatewayOptions gateway)
    {
        if (gateway.Mode == GatewayMode.Dev)
        {
            var dev = builder.Configuration.GetSection(DevModeOptions.Section).Get<DevModeOptions>() ?? new();
            builder.UseOrleans(silo => silo.AddGatewayDevSilo(dev.SiloPort, dev.OrleansGatewayPort).AddActivityPropagation());
            return;
        }

        var cluster = builder.Configuration.GetSection(GatewayClusterOptions.Section).Get<GatewayClusterOptions>() ?? new();
        var redis = ConfigurationOptions.Parse(cluster.Redis);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = cluster.ServiceId;
                o.ClusterId = cluster.ClusterId;
            });
            client.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
            // Re-read the gateway list often so a crashed silo stops being used within seconds.
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            // Keep trying while the silos start, instead of failing the edge's start-up after 15 tries.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
            client.AddClusterConnectionStatusObserver<ClusterConnectionWatcher>();
            // Grain calls join the request's trace (spans on the Orleans activity sources).
            client.AddActivityPropagation();
        });
    }
}

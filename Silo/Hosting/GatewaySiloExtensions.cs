using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using OrleansGateway.Grains;

namespace OrleansGateway.Silo.Hosting;

/// <summary>
/// Configures a silo for the gateway's grains. The Silo process uses the cluster form; dev mode's
/// Edge co-hosts a silo with the dev form, so the Edge never has to name a grain class.
/// </summary>
public static class GatewaySiloExtensions
{
    /// <summary>A silo of a Redis-clustered gateway: Redis membership and Redis grain storage.</summary>
    public static ISiloBuilder AddGatewayClusterSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(GatewayClusterOptions.Section).Get<GatewayClusterOptions>() ?? new();
        var redis = ConfigurationOptions.Parse(options.Redis);
        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ServiceId = options.ServiceId;
            o.ClusterId = options.ClusterId;
        });
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
        silo.AddRedisGrainStorage(GrainStorage.Name, o => o.ConfigurationOptions = redis.Clone());
        // Containers advertise a host name (the service or pod name); resolve it once at start.
        var advertised = IPAddress.TryParse(options.AdvertisedAddress, out var address)
            ? address
            : Dns.GetHostAddresses(options.AdvertisedAddress)[0];
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        return silo.AddGatewayGrainServices();
    }

    /// <summary>A single co-hosted silo for dev mode: localhost clustering and in-memory storage.</summary>
    public static ISiloBuilder AddGatewayDevSilo(this ISiloBuilder silo, int siloPort = 11111, int gatewayPort = 30000)
    {
        silo.UseLocalhostClustering(siloPort, gatewayPort);
        silo.AddMemoryGrainStorage(GrainStorage.Name);
        return silo.AddGatewayGrainServices();
    }

    private static ISiloBuilder AddGatewayGrainServices(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }
}

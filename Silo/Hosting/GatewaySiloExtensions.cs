using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;
using OrleansGateway.Grains;
using OrleansGateway.Grains.Storage;

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
        silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
        {
            // Declare a crashed silo dead in seconds rather than tens of seconds, so its grains
            // reactivate elsewhere quickly (a killed silo's grains are unreachable until then).
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            // Heartbeat the table often: after every silo crashed, new silos treat entries older
            // than 2 × 5 s as stale instead of waiting to reach silos that no longer exist.
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            o.NumMissedTableIAmAliveLimit = 2;
        });
        silo.AddRedisGrainStorage(GrainStorage.Name, builder => builder.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = redis.Clone();
            // Orleans' binary serializer, not the default JSON one: a deployment shares objects with
            // the working definition, and the JSON serializer writes the second as a $ref that it
            // cannot read back into records, so a reactivated grain would serve empty deployments.
            // Every stored type is [GenerateSerializer] with stable [Id]s, so the format is version-tolerant.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.Services.TryAddSingleton<IGrainRecordStore>(_ => new RedisGrainRecordStore(redis.Clone(), options.ServiceId));
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
        // The binary serializer, as for Redis: memory storage also serializes, and with the default
        // JSON one a grain re-activated after idle collection could not read its records back.
        silo.AddMemoryGrainStorage(GrainStorage.Name, builder => builder.Configure<Serializer>((o, serializer) =>
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
        return silo.AddGatewayGrainServices();
    }

    private static ISiloBuilder AddGatewayGrainServices(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        // Dev mode's (memory) unless the cluster registered Redis's above.
        silo.Services.TryAddSingleton<IGrainRecordStore, InMemoryGrainRecordStore>();
        return silo;
    }
}

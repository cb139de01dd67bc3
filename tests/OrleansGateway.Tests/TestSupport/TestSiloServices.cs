using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansGateway.Grains;
using OrleansGateway.Grains.Storage;

namespace OrleansGateway.Tests.TestSupport;

/// <summary>What the gateway's grains need from a test cluster's silo: in-memory storage of both kinds and the clock.</summary>
public static class TestSiloServices
{
    /// <summary>Memory grain storage, the memory record store and the system clock.</summary>
    public static ISiloBuilder AddTestGrainServices(this ISiloBuilder silo)
    {
        // As the silo's own storage: Orleans' binary serializer (the default JSON one cannot read
        // records back, so a re-activated grain would fail).
        silo.AddMemoryGrainStorage(GrainStorage.Name, builder => builder.Configure<Serializer>((o, serializer) =>
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<IGrainRecordStore>(services =>
        {
            var cluster = services.GetRequiredService<IOptions<ClusterOptions>>().Value;
            return InMemoryGrainRecordStore.Shared($"{cluster.ServiceId}/{cluster.ClusterId}");
        });
        return silo;
    }
}

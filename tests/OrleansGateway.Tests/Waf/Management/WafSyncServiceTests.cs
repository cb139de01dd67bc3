using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.Waf;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Waf;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Waf.Management;

[Collection(GrainClusterCollection.Name)]
public sealed class WafSyncServiceTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task The_edge_store_loads_at_start_and_a_pushed_change_is_installed_within_a_second()
    {
        var client = fixture.Cluster.Client;
        var directory = client.GetGrain<IWafDirectoryGrain>(IWafDirectoryGrain.Key);
        var existing = await directory.Create(IpSet("t" + Guid.NewGuid().ToString("N")[..12]), "arn:aws:wafv2:us-east-1:000000000000:regional");
        var signal = new ConfigChangeSignal();
        var reference = client.CreateObjectReference<IConfigObserver>(signal);
        await client.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).Subscribe("waf-sync-" + Guid.NewGuid().ToString("N"), reference);
        var store = new WafStateStore();
        // The periodic check is an hour away: only the push can bring the change in time.
        var options = Options.Create(new ConfigSyncOptions { RefreshInterval = TimeSpan.FromHours(1) });
        using var service = new WafSyncService(client, store, signal, options, new OrleansGateway.Edge.DataPlane.Waf.WafCompileOptions(), NullLogger<WafSyncService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(await Eventually(() => store.Current.References.IpSetAddresses(existing.Arn) is not null, TimeSpan.FromSeconds(10)));

            var clock = Stopwatch.StartNew();
            var created = await directory.Create(IpSet("t" + Guid.NewGuid().ToString("N")[..12]), "arn:aws:wafv2:us-east-1:000000000000:regional");
            var arrived = await Eventually(() => store.Current.References.IpSetAddresses(created.Arn) is not null, TimeSpan.FromSeconds(1));

            Assert.True(arrived, $"not installed after {clock.ElapsedMilliseconds} ms");
            Assert.Equal(await directory.GetVersion(), store.Current.Version);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(10);
        }
        return true;
    }

    private static WafEntityDraft IpSet(string name) =>
        new(WafEntityKind.IpSet, name, null, """{"IPAddressVersion":"IPV4","Addresses":["192.0.2.1/32"]}""", [], 0);
}

using System.Net.Http.Json;
using OrleansGateway.Tests.Cluster;

namespace OrleansGateway.Tests.Audit;

/// <summary>Two edge processes and two silos on one Redis: one trail, whatever edge answers and whichever silo dies.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditTrailClusterTests : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, edges: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Calls_through_both_edges_across_a_silo_crash_form_one_valid_chain_signed_with_the_admin_derived_key()
    {
        using var first = _cluster.Management(0);
        using var second = _cluster.Management(1);
        var answered = 0;
        for (var i = 0; i < 10; i++)
        {
            await (i % 2 == 0 ? first : second).SendAsync(HttpMethod.Post, "/restapis", JsonContent.Create(new { name = $"before-{i}" }));
            answered++;
        }

        _cluster.KillSilo(1);

        // Calls during the failover may fail; every answered call, failed or not, is in the trail.
        var created = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (created < 6 && DateTime.UtcNow < deadline)
        {
            try
            {
                answered++;
                await (created % 2 == 0 ? first : second).SendAsync(HttpMethod.Post, "/restapis", JsonContent.Create(new { name = $"after-{created}" }));
                created++;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(500);
            }
        }
        Assert.Equal(6, created);

        var result = await second.SendAsync(HttpMethod.Get, "/gateway/audit/verify", null);
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString() + "\n" + _cluster.Logs());
        Assert.True(result.GetProperty("records").GetInt64() >= answered, result.ToString());
        Assert.Equal(result.GetProperty("records").GetInt64(), result.GetProperty("headSequence").GetInt64());
    }
}

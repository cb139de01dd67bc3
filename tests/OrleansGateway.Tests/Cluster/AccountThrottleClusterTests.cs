using System.Net;
using Xunit.Abstractions;

namespace OrleansGateway.Tests.Cluster;

/// <summary>
/// The account-level (gateway-wide) throttle is one bucket for the whole cluster, leased like a
/// plan's: three edges offered three times its rate admit its rate, not three times it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountThrottleClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double AccountRate = 60;
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, edges: 3,
        $"--Gateway:Throttling:AccountRateLimit={AccountRate}", "--Gateway:Throttling:AccountBurstLimit=60");

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Three_edges_at_three_times_the_account_rate_admit_the_account_rate_within_five_percent()
    {
        using var management = _cluster.Management(0);
        var apiId = await management.ImportAsync(SampleApis.MockAndProxy("account", "open"));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());
        using var http = new HttpClient();
        for (var edge = 0; edge < 3; edge++)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            HttpStatusCode status;
            do
            {
                using var response = await _cluster.InvokeAsync(http, edge, apiId, "/prod/hello");
                status = response.StatusCode;
                await Task.Delay(100);
            }
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var load = new PacedLoad();
        await load.RunAsync(_cluster, () => [0, 1, 2], apiId, "/prod/hello", apiKey: "", 3 * AccountRate, TimeSpan.FromSeconds(20));

        var admittedRate = load.AdmittedBetween(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20)) / 17.0;
        output.WriteLine($"account throttle: admitted {admittedRate:F2} req/s against {AccountRate}; 429s {load.Count(HttpStatusCode.TooManyRequests)}, errors {load.Count(0)}");
        Assert.InRange(admittedRate, AccountRate * 0.95, AccountRate * 1.05);
        Assert.All(load.Outcomes.Where(o => o.Status != HttpStatusCode.OK), o => Assert.Equal("""{"message":"Too Many Requests"}""", o.Body));
    }
}

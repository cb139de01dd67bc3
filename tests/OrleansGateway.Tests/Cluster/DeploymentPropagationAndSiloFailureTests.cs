using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace OrleansGateway.Tests.Cluster;

/// <summary>Two silos and two edges as separate processes, state in a real redis-server.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DeploymentPropagationAndSiloFailureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, edges: 2,
        // The load here exceeds API Gateway's default account limit (10,000 req/s); this test is about failover.
        "--Gateway:Throttling:AccountRateLimit=1000000", "--Gateway:Throttling:AccountBurstLimit=1000000");

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_deployment_and_a_stage_variable_change_made_through_one_edge_are_served_by_the_other_within_one_second()
    {
        using var management = _cluster.Management(0);
        using var http = new HttpClient();
        var apiId = await management.ImportAsync(SampleApis.MockAndProxy("propagation", "propagated"));

        await management.DeployAsync(apiId, "prod", new Dictionary<string, string> { ["backend"] = "127.0.0.1:1" });
        // Measured from the moment the deploy call returned on edge 0.
        var visible = await WaitForAsync(http, 1, apiId, "/prod/hello", r => r.Status == HttpStatusCode.OK && r.Body == "propagated");
        output.WriteLine($"deployment visible on the other edge after {visible.TotalMilliseconds:F0} ms ");
        Assert.True(visible < TimeSpan.FromSeconds(1), $"took {visible.TotalMilliseconds} ms");

        // Port 1 refuses connections: the proxied route fails until the stage variable points at the backend.
        using (var before = await _cluster.InvokeAsync(http, 1, apiId, "/prod/echo/pets"))
        {
            Assert.Equal(HttpStatusCode.BadGateway, before.StatusCode);
        }
        await management.ReplaceStageValueAsync(apiId, "prod", "/variables/backend", $"127.0.0.1:{_cluster.BackendPort}");
        var repointed = await WaitForAsync(http, 1, apiId, "/prod/echo/pets", r => r.Status == HttpStatusCode.OK && r.Body.Contains("\"path\":\"/pets\"", StringComparison.Ordinal));
        output.WriteLine($"stage variable change visible on the other edge after {repointed.TotalMilliseconds:F0} ms");
        Assert.True(repointed < TimeSpan.FromSeconds(1), $"took {repointed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Killing_one_of_two_silos_under_steady_load_fails_no_request_and_management_is_back_within_30_seconds()
    {
        using var management = _cluster.Management(0);
        var apiId = await management.ImportAsync(SampleApis.MockAndProxy("failover", "still-here"));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string> { ["backend"] = $"127.0.0.1:{_cluster.BackendPort}" });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await WaitForAsync(http, 0, apiId, "/prod/hello", r => r.Status == HttpStatusCode.OK);
        await WaitForAsync(http, 1, apiId, "/prod/hello", r => r.Status == HttpStatusCode.OK);

        using var stop = new CancellationTokenSource();
        var loads = Enumerable.Range(0, 4).Select(i => Task.Run(() => LoadAsync(http, i % 2, apiId, i % 2 == 0 ? "/prod/hello" : "/prod/echo/pets", stop.Token))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3));
        _cluster.KillSilo(1);
        var killed = Stopwatch.StartNew();

        // Management (which needs grains, some of which lived on the dead silo) must come back within 30 s.
        TimeSpan? recovered = null;
        while (killed.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                var name = (await management.GetRestApiAsync(apiId)).GetProperty("name").GetString();
                Assert.Equal("failover", name);
                await management.DeployAsync(apiId, "after", new Dictionary<string, string>());
                recovered = killed.Elapsed;
                break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(250);
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, 8 - killed.Elapsed.TotalSeconds)));
        await stop.CancelAsync();
        var results = await Task.WhenAll(loads);

        var (ok, failed) = (results.Sum(r => r.Ok), results.Sum(r => r.Failed));
        output.WriteLine($"requests: {ok} ok, {failed} failed; management back after {recovered?.TotalSeconds:F1} s");
        Assert.True(ok > 100, $"too little load was generated ({ok}) to show anything");
        Assert.Equal(0, failed);
        Assert.True(recovered is not null, "management did not recover within 30 s\n" + _cluster.Logs());
        await WaitForAsync(http, 1, apiId, "/after/hello", r => r.Status == HttpStatusCode.OK);
    }

    private async Task<(int Ok, int Failed)> LoadAsync(HttpClient http, int edge, string apiId, string path, CancellationToken stop)
    {
        int ok = 0, failed = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await _cluster.InvokeAsync(http, edge, apiId, path, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ok++;
                }
                else
                {
                    failed++;
                    output.WriteLine($"edge {edge} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (HttpRequestException ex)
            {
                failed++;
                output.WriteLine($"edge {edge} {path}: {ex.Message}");
            }
        }
        return (ok, failed);
    }

    /// <summary>Polls every 10 ms until <paramref name="done"/> holds; returns how long it took.</summary>
    private async Task<TimeSpan> WaitForAsync(HttpClient http, int edge, string apiId, string path, Func<(HttpStatusCode Status, string Body), bool> done)
    {
        var watch = Stopwatch.StartNew();
        (HttpStatusCode, string) last = default;
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await _cluster.InvokeAsync(http, edge, apiId, path);
            last = (response.StatusCode, await response.Content.ReadAsStringAsync());
            if (done(last))
            {
                return watch.Elapsed;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"edge {edge} {path} never satisfied the condition; last: {last}\n{_cluster.Logs()}");
    }
}

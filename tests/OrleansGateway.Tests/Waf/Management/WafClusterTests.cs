using System.Diagnostics;
using System.Net;
using OrleansGateway.Tests.Cluster;
using Xunit.Abstractions;

namespace OrleansGateway.Tests.Waf.Management;

/// <summary>
/// The WAF on a real cluster (redis-server, two silos, two edge processes): a web ACL created and
/// associated through one edge blocks on both within a second, and an IP set update made through
/// the other edge lifts the block on both within a second.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WafClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly object Visibility = new { SampledRequestsEnabled = false, CloudWatchMetricsEnabled = false, MetricName = "m" };

    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, edges: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_web_acl_changed_through_one_edge_is_enforced_by_every_edge_within_a_second()
    {
        using var management = _cluster.Management(0);
        var apiId = await management.ImportAsync(SampleApis.MockAndProxy("waf-cluster", "hello"));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var edge in new[] { 0, 1 })
        {
            var ready = await UntilAsync(http, edge, apiId, HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            Assert.True(ready.Reached, $"edge {edge} never served the API: {ready.Last}\n{_cluster.Logs()}");
        }

        using var wafOnEdge0 = new WafJsonClient($"http://127.0.0.1:{_cluster.ManagementPort(0)}", LocalCluster.AccessKeyId, LocalCluster.SecretAccessKey);
        using var wafOnEdge1 = new WafJsonClient($"http://127.0.0.1:{_cluster.ManagementPort(1)}", LocalCluster.AccessKeyId, LocalCluster.SecretAccessKey);
        var ipSet = (await wafOnEdge0.CallAsync("CreateIPSet", new { Name = "loopback", Scope = "REGIONAL", IPAddressVersion = "IPV4", Addresses = new[] { "127.0.0.1/32" } }))["Summary"]!;
        var acl = (await wafOnEdge0.CallAsync("CreateWebACL", new
        {
            Name = "cluster",
            Scope = "REGIONAL",
            DefaultAction = new { Allow = new { } },
            VisibilityConfig = Visibility,
            Rules = new[]
            {
                new
                {
                    Name = "loopback",
                    Priority = 0,
                    Action = new { Block = new { } },
                    VisibilityConfig = Visibility,
                    Statement = new { IPSetReferenceStatement = new { ARN = (string)ipSet["ARN"]! } },
                },
            },
        }))["Summary"]!;

        await wafOnEdge0.CallAsync("AssociateWebACL", new { WebACLArn = (string)acl["ARN"]!, ResourceArn = $"arn:aws:apigateway:us-east-1::/restapis/{apiId}/stages/prod" });
        await AssertEveryEdgeWithinASecondAsync(http, apiId, HttpStatusCode.Forbidden, "AssociateWebACL");

        var current = await wafOnEdge1.CallAsync("GetIPSet", new { Name = "loopback", Scope = "REGIONAL", Id = (string)ipSet["Id"]! });
        await wafOnEdge1.CallAsync("UpdateIPSet", new { Name = "loopback", Scope = "REGIONAL", Id = (string)ipSet["Id"]!, Addresses = Array.Empty<string>(), LockToken = (string)current["LockToken"]! });
        await AssertEveryEdgeWithinASecondAsync(http, apiId, HttpStatusCode.OK, "UpdateIPSet");
    }

    private async Task AssertEveryEdgeWithinASecondAsync(HttpClient http, string apiId, HttpStatusCode wanted, string change)
    {
        var outcomes = await Task.WhenAll(new[] { 0, 1 }.Select(edge => UntilAsync(http, edge, apiId, wanted, TimeSpan.FromSeconds(5))));
        for (var edge = 0; edge < outcomes.Length; edge++)
        {
            output.WriteLine($"edge {edge}: {(int)wanted} {outcomes[edge].Elapsed.TotalMilliseconds:F0} ms after {change} returned");
            Assert.True(outcomes[edge].Reached, $"edge {edge} still answers {outcomes[edge].Last} after {change}\n{_cluster.Logs()}");
            Assert.True(outcomes[edge].Elapsed < TimeSpan.FromSeconds(1), $"edge {edge} took {outcomes[edge].Elapsed} after {change}");
        }
    }

    private async Task<(bool Reached, TimeSpan Elapsed, HttpStatusCode Last)> UntilAsync(HttpClient http, int edge, string apiId, HttpStatusCode wanted, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await _cluster.InvokeAsync(http, edge, apiId, "/prod/hello");
            if (response.StatusCode == wanted || clock.Elapsed > timeout)
            {
                return (response.StatusCode == wanted, clock.Elapsed, response.StatusCode);
            }
            await Task.Delay(10);
        }
    }
}

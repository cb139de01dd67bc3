using System.Net;
using Xunit.Abstractions;
using OrleansGateway.Tests.Cluster;

namespace OrleansGateway.Tests.LambdaAuthorizers;

/// <summary>
/// The authorizer result cache is cluster-wide: a real cluster (Redis, 2 silos, 2 edge processes)
/// makes one authorizer call per identity per TTL, however the requests spread over the edges.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterWideAuthorizerCacheTests(ITestOutputHelper output) : IAsyncLifetime
{
    private AuthorizerFunction _function = null!;
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _function = await AuthorizerFunction.StartAsync();
        _cluster = await LocalCluster.StartAsync(silos: 2, edges: 2);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _function.DisposeAsync();
    }

    [Fact]
    public async Task Two_edges_make_one_authorizer_call_per_identity_per_ttl()
    {
        using var management = _cluster.Management(0);
        var apiId = await management.ImportAsync(AuthorizerApis.Document("cluster-auth", _function.Url, 300, $"http://127.0.0.1:{_cluster.BackendPort}"));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
        for (var edge = 0; edge < 2; edge++)
        {
            await WaitUntilAuthorizingAsync(http, edge, apiId);
        }
        string[] tokens = [.. Enumerable.Range(0, 3).Select(i => $"Bearer allow-cluster{i}-{Guid.NewGuid():N}")];

        // 200 requests per identity, alternating edges, 24 in flight at once so both edges miss concurrently at the start.
        var work = Enumerable.Range(0, 600).Select(i => (Edge: i % 2, Token: tokens[i / 2 % 3])).ToArray();
        var statuses = new HttpStatusCode[work.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Length), new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (i, cancellationToken) =>
        {
            using var request = _cluster.DataPlaneRequest(work[i].Edge, apiId, "/prod/pets");
            request.Headers.TryAddWithoutValidation("Authorization", work[i].Token);
            using var response = await http.SendAsync(request, cancellationToken);
            statuses[i] = response.StatusCode;
        });

        output.WriteLine($"authorizer calls: {string.Join(", ", tokens.Select(_function.CallsFor))}; statuses: {string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{(int)g.Key}×{g.Count()}"))}");
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(tokens, token => Assert.Equal(1, _function.CallsFor(token)));
        Assert.Equal(3, _function.TotalCalls);
    }

    private async Task WaitUntilAuthorizingAsync(HttpClient http, int edge, string apiId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            // No token: the authorizer step answers 401 once the deployment serves, without a call.
            using var response = await _cluster.InvokeAsync(http, edge, apiId, "/prod/pets");
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"edge {edge} never served {apiId}: {(int)response.StatusCode}\n{_cluster.Logs()}");
            await Task.Delay(100);
        }
    }
}

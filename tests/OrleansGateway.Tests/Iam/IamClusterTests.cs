using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.Security.SigV4;
using Xunit.Abstractions;

// Not "OrleansGateway.Tests.Iam": that namespace would hide the policy tests' static Iam(...) request builder.
namespace OrleansGateway.Tests.IamTests;

/// <summary>
/// IAM on a real cluster (redis-server, a silo, two edge processes): a key made through one edge
/// signs on both, and deactivating it through one edge stops it on both within a second.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IamClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 1, edges: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_key_deactivated_through_one_edge_is_refused_by_every_edge_within_a_second()
    {
        using var management = _cluster.Management(0);
        var apiId = await management.ImportAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["openapi"] = "3.0.1",
            ["info"] = new { title = "iam-cluster", version = "1" },
            ["paths"] = new Dictionary<string, object>
            {
                ["/hello"] = new
                {
                    get = new Dictionary<string, object>
                    {
                        ["x-amazon-apigateway-auth"] = new { type = "AWS_IAM" },
                        ["responses"] = new Dictionary<string, object> { ["200"] = new { description = "ok" } },
                        ["x-amazon-apigateway-integration"] = new
                        {
                            type = "mock",
                            requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"statusCode": 200}""" },
                            responses = new { @default = new { statusCode = "200" } },
                        },
                    },
                },
            },
        }));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());

        using var iam = new IamQueryClient($"http://127.0.0.1:{_cluster.ManagementPort(0)}", LocalCluster.AccessKeyId, LocalCluster.SecretAccessKey);
        await iam.OkAsync("CreateUser", ("UserName", "clustered"));
        await iam.OkAsync("PutUserPolicy", ("UserName", "clustered"), ("PolicyName", "invoke"),
            ("PolicyDocument", $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:{{apiId}}/*"}]}"""));
        var key = (await iam.OkAsync("CreateAccessKey", ("UserName", "clustered"))).Element(IamQueryClient.Iam + "AccessKey")!;
        var signer = new TestSigV4Signer(key.Element(IamQueryClient.Iam + "AccessKeyId")!.Value, key.Element(IamQueryClient.Iam + "SecretAccessKey")!.Value, "us-east-1", "execute-api");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var edge in new[] { 0, 1 })
        {
            // Deployments reach edges asynchronously; this also fills each edge's credential cache.
            var ready = await UntilAsync(() => SignedGetAsync(http, edge, apiId, signer), HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            Assert.True(ready.Reached, $"edge {edge} never admitted the signed call: {ready.Last}\n{_cluster.Logs()}");
        }

        await iam.OkAsync("UpdateAccessKey", ("UserName", "clustered"), ("AccessKeyId", signer.AccessKeyId), ("Status", "Inactive"));
        var refusals = await Task.WhenAll(new[] { 0, 1 }.Select(edge =>
            UntilAsync(() => SignedGetAsync(http, edge, apiId, signer), HttpStatusCode.Forbidden, TimeSpan.FromSeconds(5))));

        for (var edge = 0; edge < 2; edge++)
        {
            output.WriteLine($"edge {edge}: refused {refusals[edge].Elapsed.TotalMilliseconds:F0} ms after UpdateAccessKey returned");
            Assert.True(refusals[edge].Reached, $"edge {edge} still admits the deactivated key");
            Assert.True(refusals[edge].Elapsed < TimeSpan.FromSeconds(1), $"edge {edge} took {refusals[edge].Elapsed}");
        }
    }

    private async Task<HttpStatusCode> SignedGetAsync(HttpClient http, int edge, string apiId, TestSigV4Signer signer)
    {
        using var request = _cluster.DataPlaneRequest(edge, apiId, "/prod/hello");
        foreach (var (name, value) in signer.SignHeaders("GET", new Uri($"http://{apiId}.execute-api.localhost/prod/hello"), [], DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<(bool Reached, TimeSpan Elapsed, HttpStatusCode Last)> UntilAsync(Func<Task<HttpStatusCode>> attempt, HttpStatusCode wanted, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await attempt();
            if (status == wanted || clock.Elapsed > timeout)
            {
                return (status == wanted, clock.Elapsed, status);
            }
            await Task.Delay(20);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansGateway.Tests.Cluster;

/// <summary>Grain state lives in Redis, so APIs outlive every silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloRestartTests : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, edges: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Api_definitions_deployments_and_stages_survive_a_restart_of_every_silo_and_the_edge_serves_throughout()
    {
        using var management = _cluster.Management(0);
        var apiId = await management.ImportAsync(SampleApis.MockAndProxy("durable", "durable-body"));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string> { ["backend"] = $"127.0.0.1:{_cluster.BackendPort}" });

        _cluster.KillSilo(1);
        _cluster.KillSilo(2);

        // With no silo at all the edge keeps serving the tables it has: a control-plane outage
        // must not become a data-plane one.
        using (var outageClient = new HttpClient())
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            using var during = await _cluster.InvokeAsync(outageClient, 0, apiId, "/prod/hello");
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
            Assert.Equal("durable-body", await during.Content.ReadAsStringAsync());
        }

        _cluster.StartSilo(3);
        _cluster.StartSilo(4);

        // The new silos read everything back from Redis: the API, its stage and its deployment.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string? name = null;
        while (name is null && DateTime.UtcNow < deadline)
        {
            try
            {
                name = (await management.GetRestApiAsync(apiId)).GetProperty("name").GetString();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(500);
            }
        }
        Assert.True(name == "durable", $"API not readable after restart (got {name})\n{_cluster.Logs()}");
        var stage = await management.SendAsync(HttpMethod.Get, $"/restapis/{apiId}/stages/prod", null);
        Assert.Equal($"127.0.0.1:{_cluster.BackendPort}", stage.GetProperty("variables").GetProperty("backend").GetString());

        // A change made after the restart reaches the edge, which proves its observer re-registered.
        await management.ReplaceStageValueAsync(apiId, "prod", "/variables/backend", "127.0.0.1:1");
        using var http = new HttpClient();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        HttpStatusCode status;
        do
        {
            using var response = await _cluster.InvokeAsync(http, 0, apiId, "/prod/echo/pets");
            status = response.StatusCode;
            await Task.Delay(50);
        }
        while (status != HttpStatusCode.BadGateway && DateTime.UtcNow < until);
        Assert.Equal(HttpStatusCode.BadGateway, status);
        using var mock = await _cluster.InvokeAsync(http, 0, apiId, "/prod/hello");
        Assert.Equal("durable-body", await mock.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_key_listings_and_usage_plan_keys_stored_one_record_per_key_survive_a_restart_of_every_silo()
    {
        // Listings and plan associations live in Redis hashes (the record store), not grain state:
        // new silos must read them back.
        using var management = _cluster.Management(0);
        var apiId = await management.ImportAsync(SampleApis.MockAndProxy("keyed", "keyed-body"));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string> { ["backend"] = $"127.0.0.1:{_cluster.BackendPort}" });
        var planId = (await management.SendAsync(HttpMethod.Post, "/usageplans",
            JsonContent.Create(new { name = "durable-plan", apiStages = new[] { new { apiId, stage = "prod" } } }))).GetProperty("id").GetString()!;
        var keyIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var keyId = (await management.SendAsync(HttpMethod.Post, "/apikeys", JsonContent.Create(new { name = $"durable-key-{i}", enabled = true })))
                .GetProperty("id").GetString()!;
            await management.SendAsync(HttpMethod.Post, $"/usageplans/{planId}/keys", JsonContent.Create(new { keyId, keyType = "API_KEY" }));
            keyIds.Add(keyId);
        }

        _cluster.KillSilo(1);
        _cluster.KillSilo(2);
        _cluster.StartSilo(3);
        _cluster.StartSilo(4);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement? planKeys = null;
        while (planKeys is null && DateTime.UtcNow < deadline)
        {
            try
            {
                planKeys = await management.SendAsync(HttpMethod.Get, $"/usageplans/{planId}/keys?limit=500", null);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(500);
            }
        }
        Assert.True(planKeys is not null, $"usage plan keys not readable after restart\n{_cluster.Logs()}");
        Assert.Equal(keyIds.Order(), planKeys.Value.GetProperty("item").EnumerateArray().Select(k => k.GetProperty("id").GetString()!).Order());
        var listed = await management.SendAsync(HttpMethod.Get, "/apikeys?name=durable-key-&limit=500", null);
        Assert.Equal(keyIds.Order(), listed.GetProperty("item").EnumerateArray().Select(k => k.GetProperty("id").GetString()!).Order());
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace OrleansGateway.Tests.Cluster;

/// <summary>
/// A plan's limits hold across three edges of a real cluster (2 silos, real Redis): throttle
/// within ±5% of its rate at 3× demand, quota never over-admitted (also through an edge kill and a
/// silo kill) and used up to ≥ 99%, and metering that matches what was admitted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UsagePlanClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Body = "keyed-ok";
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(silos: 2, edges: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Three_edges_at_three_times_the_plan_rate_admit_the_plan_rate_within_five_percent()
    {
        const double rate = 40;
        var (apiId, _, key, _) = await SetUpAsync(throttle: new { rateLimit = rate, burstLimit = 40 }, quota: null);

        var load = new PacedLoad();
        await load.RunAsync(_cluster, () => [0, 1, 2], apiId, "/prod/hello", key, 3 * rate, TimeSpan.FromSeconds(30));

        // After the initial burst (the first 3 s), the admitted rate is the plan's rate.
        var admittedRate = load.AdmittedBetween(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30)) / 27.0;
        output.WriteLine($"admitted {admittedRate:F2} req/s against rateLimit {rate}; 200s {load.Count(HttpStatusCode.OK)}, 429s {load.Count(HttpStatusCode.TooManyRequests)}, errors {load.Count(0)}");
        Assert.InRange(admittedRate, rate * 0.95, rate * 1.05);
        Assert.Equal(0, load.Count(0));
        var throttled = load.Outcomes.Where(o => o.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, o =>
        {
            Assert.Equal("""{"message":"Too Many Requests"}""", o.Body);
            Assert.NotNull(o.RetryAfter);
        });
    }

    [Fact]
    public async Task A_quota_shared_by_three_edges_is_never_exceeded_is_used_to_99_percent_and_metered_exactly()
    {
        const int limit = 1000;
        var (apiId, planId, key, probes) = await SetUpAsync(throttle: new { rateLimit = 1000, burstLimit = 1000 }, quota: new { limit, period = "DAY" });

        var load = new PacedLoad();
        await load.RunAsync(_cluster, () => [0, 1, 2], apiId, "/prod/hello", key, 150, TimeSpan.FromSeconds(12));

        var admitted = probes + load.Count(HttpStatusCode.OK);
        var outcomes = string.Join(", ", load.Outcomes.GroupBy(o => $"{(int)o.Status} {o.Body}").Select(g => $"{g.Key}: {g.Count()}"));
        output.WriteLine($"admitted {admitted} of quota {limit}; outcomes {outcomes}");
        Assert.InRange(admitted, (int)(limit * 0.99), limit);
        Assert.True(load.Outcomes.Count - load.Count(HttpStatusCode.OK) == load.CountBody(HttpStatusCode.TooManyRequests, "Limit Exceeded"),
            $"every refusal is a quota refusal: {outcomes}");

        // Edges flush usage once a second; then GetUsage reports exactly what was admitted.
        var (used, remaining) = await WaitForUsageAsync(planId, key, admitted);
        Assert.Equal(admitted, used);
        Assert.Equal(limit - admitted, remaining);
    }

    [Fact]
    public async Task A_quota_is_never_exceeded_when_an_edge_and_a_silo_are_killed_mid_period()
    {
        const int limit = 1500;
        var (apiId, _, key, probes) = await SetUpAsync(throttle: new { rateLimit = 1000, burstLimit = 1000 }, quota: new { limit, period = "DAY" });

        var live = new List<int> { 0, 1, 2 };
        var load = new PacedLoad();
        await load.RunAsync(_cluster, () => live, apiId, "/prod/hello", key, 100, TimeSpan.FromSeconds(30), async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            live = [0, 1];
            _cluster.KillEdge(2); // holding a lease it never returns: its units are forfeited, not reused
            await Task.Delay(TimeSpan.FromSeconds(2));
            _cluster.KillSilo(1); // quota grains there reactivate elsewhere from Redis
        });

        var admitted = probes + load.Count(HttpStatusCode.OK);
        var outcomes = string.Join(", ", load.Outcomes.GroupBy(o => $"edge {o.Edge} {(int)o.Status} {o.Body}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}"));
        output.WriteLine($"admitted {admitted} of quota {limit}; outcomes {outcomes}");
        Assert.True(admitted <= limit, $"over-admitted: {admitted} > {limit}");
        // Refusals are quota refusals, or 503 while a quota grain's silo was being declared dead.
        Assert.All(load.Outcomes.Where(o => o.Status != HttpStatusCode.OK && o.Edge != 2), o =>
            Assert.True(o.Body.Contains("Limit Exceeded", StringComparison.Ordinal) || o.Status == HttpStatusCode.ServiceUnavailable, $"{(int)o.Status} {o.Body}"));
        // Under-admission is bounded by the dead edge's last grant (a second or so of its traffic).
        Assert.True(admitted >= limit - 200, $"admitted only {admitted} of {limit}\n{_cluster.Logs()}");
    }

    /// <summary>Creates the API, key and plan and waits until every edge admits the key; returns how many requests that admitted.</summary>
    private async Task<(string ApiId, string PlanId, string Key, int Probes)> SetUpAsync(object? throttle, object? quota)
    {
        using var management = _cluster.Management(0);
        var apiId = await management.ImportAsync(SampleApis.KeyedMock("metered", Body));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());
        var key = "cluster-test-key-" + Guid.NewGuid().ToString("N");
        var keyId = (await management.SendJsonAsync(HttpMethod.Post, "/apikeys", new { name = "tenant", enabled = true, value = key }))
            .GetProperty("id").GetString()!;
        var planId = (await management.SendJsonAsync(HttpMethod.Post, "/usageplans", new
        {
            name = "gold",
            apiStages = new[] { new { apiId, stage = "prod" } },
            throttle,
            quota,
        })).GetProperty("id").GetString()!;
        await management.SendJsonAsync(HttpMethod.Post, $"/usageplans/{planId}/keys", new { keyId, keyType = "API_KEY" });

        // Every edge must know the plan and the key before the measured run starts: one admitted
        // request per edge proves it. Those requests count against the quota, and the tests add them.
        using var http = new HttpClient();
        var probes = 0;
        for (var edge = 0; edge < 3; edge++)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                using var request = _cluster.DataPlaneRequest(edge, apiId, "/prod/hello");
                request.Headers.Add("x-api-key", key);
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    probes++;
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, $"edge {edge} never admitted the key: {(int)response.StatusCode}\n{_cluster.Logs()}");
                await Task.Delay(100);
            }
        }
        return (apiId, planId, key, probes);
    }

    private async Task<(long Used, long Remaining)> WaitForUsageAsync(string planId, string key, int expected)
    {
        using var management = _cluster.Management(1);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var keyId = (await management.SendAsync(HttpMethod.Get, "/apikeys?includeValues=true", null))
            .GetProperty("item").EnumerateArray().First(k => k.GetProperty("value").GetString() == key).GetProperty("id").GetString()!;
        (long, long) last = default;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
        {
            var usage = await management.SendAsync(HttpMethod.Get, $"/usageplans/{planId}/usage?startDate={today}&endDate={today}&keyId={keyId}", null);
            if (usage.GetProperty("values").TryGetProperty(keyId, out var days))
            {
                var day = days.EnumerateArray().Last();
                last = (day[0].GetInt64(), day[1].GetInt64());
                if (last.Item1 == expected)
                {
                    return last;
                }
            }
            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);
        return last;
    }
}

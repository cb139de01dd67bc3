using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansGateway.Tests.TestSupport;
using StackExchange.Redis;

namespace OrleansGateway.Tests.Audit;

/// <summary>
/// A dev-mode edge keeping its trail in a real redis-server that is killed and started again: calls made
/// while it is down are spooled to disk and drained into the chain when it is back, nothing lost; a
/// full spool refuses calls with 503 before they run.
/// </summary>
public sealed class AuditSpoolTests : IAsyncLifetime
{
    private readonly RestartableRedisServer _redis = new();
    private readonly InProcessDevEdge _edge = new();
    private readonly string _prefix = "audit-spool:" + Guid.NewGuid().ToString("N");
    private readonly string _spoolPath = Path.Combine(Path.GetTempPath(), "audit-spool-test-" + Guid.NewGuid().ToString("N"), "spool.jsonl");
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _edge.Settings.AddRange([$"--Gateway:Audit:Redis={_redis.Configuration}", $"--Gateway:Audit:KeyPrefix={_prefix}",
            $"--Gateway:Audit:DigestKey={AuditTrailBuilder.DigestKey}", "--Gateway:Audit:DigestEvery=3",
            $"--Gateway:Audit:SpoolPath={_spoolPath}", "--Gateway:Audit:SpoolCapacity=4"]);
        await _edge.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _edge.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_spoolPath)!, recursive: true);
    }

    [Fact]
    public async Task Changes_made_while_redis_is_down_reach_the_chain_in_order_when_it_is_back_and_verify_passes()
    {
        using var management = _edge.Management();
        var before = (await management.SendJsonAsync(HttpMethod.Post, "/restapis", new { name = "before-outage" })).GetProperty("id").GetString();

        _redis.Stop();
        var during = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // Answered although Redis is down: the record is on disk in the spool first.
            var api = await management.SendJsonAsync(HttpMethod.Post, "/restapis", new { name = $"during-outage-{i}" });
            during.Add(api.GetProperty("id").GetString()!);
        }
        await management.SendAsync(new HttpMethod("PATCH"), $"/restapis/{during[0]}",
            JsonContent.Create(new { patchOperations = new[] { new { op = "replace", path = "/description", value = "changed during outage" } } }));
        Assert.Equal(4, await SpoolPendingAsync());
        Assert.True(new FileInfo(_spoolPath).Length > 0);

        await _redis.StartAsync();
        await Eventually(async () => await SpoolPendingAsync() == 0, "the spool drains once Redis is back");

        var verify = await management.SendAsync(HttpMethod.Get, "/gateway/audit/verify", null);
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        var events = await RecordsAsync();
        var changes = events.Where(e => e.GetProperty("readOnly").GetBoolean() == false).ToList();
        Assert.Equal(["CreateRestApi", "CreateRestApi", "CreateRestApi", "CreateRestApi", "UpdateRestApi"], changes.Select(e => e.GetProperty("eventName").GetString()));
        Assert.Equal([before!, .. during, during[0]], changes.Select(e => e.GetProperty("resources")[0].GetProperty("name").GetString()!));
        // Sequences are the stored positions: the drained records were chained, not just pushed.
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.GetProperty("additionalEventData").GetProperty("sequence").GetInt64()));
        Assert.Equal(0, new FileInfo(_spoolPath).Length);
    }

    [Fact]
    public async Task A_full_spool_refuses_calls_with_503_before_they_run_and_they_never_happen()
    {
        using var management = _edge.Management();
        _redis.Stop();
        for (var i = 0; i < 4; i++)
        {
            await management.SendJsonAsync(HttpMethod.Post, "/restapis", new { name = $"spooled-{i}" });
        }

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => management.SendJsonAsync(HttpMethod.Post, "/restapis", new { name = "refused-while-full" }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("audit trail cannot record", refused.Message, StringComparison.Ordinal);
        var metrics = await _http.GetStringAsync($"http://127.0.0.1:{_edge.ManagementPort}/metrics");
        Assert.True(MetricValue(metrics, "gateway_audit_spool_full_refusals_total") >= 1, metrics);

        await _redis.StartAsync();
        await Eventually(async () => await SpoolPendingAsync() == 0, "the spool drains once Redis is back");
        var apis = await management.SendAsync(HttpMethod.Get, "/restapis?limit=500", null);
        var names = apis.GetProperty("item").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal(4, names.Count(n => n!.StartsWith("spooled-", StringComparison.Ordinal)));
        Assert.DoesNotContain("refused-while-full", names);
        var verify = await management.SendAsync(HttpMethod.Get, "/gateway/audit/verify", null);
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(4, (await RecordsAsync()).Count(e => e.GetProperty("eventName").GetString() == "CreateRestApi"));
    }

    private async Task<long> SpoolPendingAsync() =>
        (long)MetricValue(await _http.GetStringAsync($"http://127.0.0.1:{_edge.ManagementPort}/metrics"), "gateway_audit_spool_pending");

    private static double MetricValue(string exposition, string name)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private async Task<List<JsonElement>> RecordsAsync()
    {
        await using var connection = await _redis.ConnectAsync();
        var lines = await connection.GetDatabase().ListRangeAsync(_prefix + ":records");
        return [.. lines.Select(l => JsonDocument.Parse(l.ToString()[65..]).RootElement.Clone())];
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(250);
        }
    }
}

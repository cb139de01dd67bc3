using System.Text.Json;
using OrleansGateway.Tests.TestSupport;
using StackExchange.Redis;

namespace OrleansGateway.Tests.Audit;

/// <summary>A whole dev-mode edge keeping its trail in a real Redis: what a management caller and an auditor see.</summary>
public sealed class AuditTrailEndToEndTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly string _prefix = "audit-e2e:" + Guid.NewGuid().ToString("N");
    private readonly InProcessDevEdge _edge = new();

    private RedisKey RecordsKey => _prefix + ":records";

    public async Task InitializeAsync()
    {
        _edge.Settings.AddRange([$"--Gateway:Audit:Redis={redis.Configuration}", $"--Gateway:Audit:KeyPrefix={_prefix}",
            $"--Gateway:Audit:DigestKey={AuditTrailBuilder.DigestKey}", "--Gateway:Audit:DigestEvery=2"]);
        await _edge.InitializeAsync();
    }

    public Task DisposeAsync() => _edge.DisposeAsync();

    [Fact]
    public async Task A_management_call_is_in_Redis_by_the_time_its_answer_arrives()
    {
        using var management = _edge.Management();

        var api = await management.SendJsonAsync(HttpMethod.Post, "/restapis", new { name = "recorded" });

        // No polling: the record must already be stored when the caller has its answer.
        var last = (await redis.Database.ListGetByIndexAsync(RecordsKey, -1)).ToString();
        using var body = JsonDocument.Parse(last[65..]);
        Assert.Equal("CreateRestApi", body.RootElement.GetProperty("eventName").GetString());
        Assert.Equal(api.GetProperty("id").GetString(), body.RootElement.GetProperty("resources")[0].GetProperty("name").GetString());
        Assert.Equal(InProcessDevEdge.AccessKeyId, body.RootElement.GetProperty("userIdentity").GetProperty("accessKeyId").GetString());
    }

    [Fact]
    public async Task The_verify_endpoint_reports_an_intact_trail_then_names_an_edited_record()
    {
        using var management = _edge.Management();
        await management.SendJsonAsync(HttpMethod.Post, "/restapis", new { name = "first" });
        await management.SendJsonAsync(HttpMethod.Post, "/restapis", new { name = "second" });
        await management.SendJsonAsync(HttpMethod.Post, "/apikeys", new { name = "k", value = "end-to-end-secret-value-0123456789" });

        var intact = await management.SendAsync(HttpMethod.Get, "/gateway/audit/verify", null);
        Assert.True(intact.GetProperty("valid").GetBoolean(), intact.ToString());
        Assert.True(intact.GetProperty("digests").GetInt32() >= 1);
        var records = await redis.Database.ListRangeAsync(RecordsKey);
        Assert.DoesNotContain(records, r => r.ToString().Contains("end-to-end-secret-value", StringComparison.Ordinal));

        var second = (await redis.Database.ListGetByIndexAsync(RecordsKey, 1)).ToString();
        await redis.Database.ListSetByIndexAsync(RecordsKey, 1, second.Replace("\"second\"", "\"renamed\"", StringComparison.Ordinal));
        var tampered = await management.SendAsync(HttpMethod.Get, "/gateway/audit/verify", null);

        Assert.False(tampered.GetProperty("valid").GetBoolean());
        var finding = Assert.Single(tampered.GetProperty("findings").EnumerateArray());
        Assert.Equal("Modified", finding.GetProperty("problem").GetString());
        Assert.Equal(2, finding.GetProperty("sequence").GetInt64());
    }
}

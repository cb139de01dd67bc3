using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Routing.Benchmarks;

/// <summary>
/// The per-request pieces of usage-plan enforcement that run on the edge without a grain call:
/// hashing the caller's <c>x-api-key</c> into its grain key, and finding the key's plan for the
/// requested API stage in the edge's plan table.
/// </summary>
// Not sealed: BenchmarkDotNet requires benchmark classes it can derive from.
public class UsagePlanHotPathBenchmarks
{
    // API Gateway's default limit on usage plans per account: the largest table an account can make.
    private const int PlanCount = 300;
    private const int ApiCount = 50;

    private ApiKeyValueHash _hash = null!;
    private string _apiKey = "";
    private UsagePlanTable _plans = UsagePlanTable.Empty;
    private string[] _keyPlanIds = [];

    /// <summary>Creates the hasher, a 40-character key (API Gateway's generated length) and the plan table.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _hash = new ApiKeyValueHash(RandomNumberGenerator.GetBytes(32));
        _apiKey = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);

        // Each plan covers the prod and beta stages of one of 50 APIs, six plans per API.
        var plans = Enumerable.Range(0, PlanCount)
            .Select(i => new UsagePlan(
                $"plan{i:D3}", $"plan {i}", null,
                [
                    new UsagePlanApiStage($"api{i % ApiCount:D2}", "prod", new Dictionary<string, ThrottleSettings>()),
                    new UsagePlanApiStage($"api{i % ApiCount:D2}", "beta", new Dictionary<string, ThrottleSettings>()),
                ],
                new ThrottleSettings(100, 200), new QuotaSettings(1_000_000, 0, "DAY"), null, new Dictionary<string, string>()))
            .ToList();
        _plans = UsagePlanTable.Build(new UsagePlanSnapshot(1, plans));

        // The key is in two plans; the second covers api07/prod, so the lookup tries one miss first.
        _keyPlanIds = ["plan008", $"plan{7 + ApiCount:D3}"];
        if (_plans.Find("api07", "prod", _keyPlanIds)?.PlanId != _keyPlanIds[1])
        {
            throw new InvalidOperationException("The benchmark key's plan for api07/prod was not found.");
        }
    }

    /// <summary>HMAC-SHA256 of the key into its hex grain key (<see cref="ApiKeyValueHash.Compute"/>).</summary>
    [Benchmark]
    public string HashApiKey() => _hash.Compute(_apiKey);

    /// <summary>The key's plan for the requested stage (<see cref="UsagePlanTable.Find"/>).</summary>
    [Benchmark]
    public PlanForStage? FindPlanForStage() => _plans.Find("api07", "prod", _keyPlanIds);
}

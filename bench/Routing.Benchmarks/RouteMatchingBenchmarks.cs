using BenchmarkDotNet.Attributes;
using OrleansGateway.Edge.DataPlane;
using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Routing.Benchmarks;

/// <summary>
/// Route matching in one API of 10 routes against one of 10,000: the same spread of request paths
/// (literals, path parameters, a named greedy parameter, <c>{proxy+}</c> and a backtrack into it)
/// against a stage compiled the way an edge compiles it (<see cref="RoutingTableStore.Apply"/>).
/// The trie's cost should depend on the path, not on the number of routes, so the two rows should
/// be within noise of each other.
/// </summary>
// Not sealed: BenchmarkDotNet requires benchmark classes it can derive from.
public class RouteMatchingBenchmarks
{
    private const string ApiId = "benchapi";
    private const string StageName = "prod";

    // The request paths after the stage, with the resource each must match; identical for both
    // sizes, so the two rows differ only in how many routes the trie holds.
    private static readonly (string Path, string Resource)[] Spread =
    [
        ("/pets", "/pets"),
        ("/pets/42", "/pets/{petId}"),
        ("/pets/42/owners", "/pets/{petId}/owners"),
        ("/stores/7/orders/1001", "/stores/{storeId}/orders/{orderId}"),
        ("/v1/catalog/items/sku-123", "/v1/catalog/items/{itemId}"),
        ("/files/reports/2026/11/summary.pdf", "/files/{path+}"),
        ("/unknown/deep/path/x", "/{proxy+}"),
        // pets → {petId} has no "vaccinations" child: the match backtracks to the root's {proxy+}.
        ("/pets/42/vaccinations", "/{proxy+}"),
        ("/health", "/health"),
    ];

    // OperationsPerInvoke must be a constant; GlobalSetup checks it against the spread.
    private const int PathsPerInvoke = 9;

    // The routes both sizes have; the spread above matches only these.
    private static readonly string[] BaseResources =
    [
        "/",
        "/pets",
        "/pets/{petId}",
        "/pets/{petId}/owners",
        "/stores/{storeId}/orders/{orderId}",
        "/users/{userId}/settings",
        "/health",
        "/v1/catalog/items/{itemId}",
        "/files/{path+}",
        "/{proxy+}",
    ];

    private RouteTrie _routes = null!;
    private string[] _paths = [];

    /// <summary>Routes (resources with one method each) in the API.</summary>
    [Params(10, 10_000)]
    public int RouteCount { get; set; }

    /// <summary>Compiles the API and checks that every path of the spread matches the resource it should.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Spread.Length != PathsPerInvoke)
        {
            throw new InvalidOperationException($"PathsPerInvoke ({PathsPerInvoke}) must equal the spread's length ({Spread.Length}).");
        }
        var store = new RoutingTableStore();
        store.Apply(BuildConfig(RouteCount));
        if (!store.TryGetApi(ApiId, out var api) || !api.TryGetStage(StageName, out var stage))
        {
            throw new InvalidOperationException("The benchmark API did not compile into a stage.");
        }
        _routes = stage.Routes;
        _paths = [.. Spread.Select(entry => entry.Path)];
        foreach (var (path, resource) in Spread)
        {
            var status = _routes.TryMatch("GET", path, out var match);
            if (status != RouteMatchStatus.Matched || match.Method.Resource.Path != resource)
            {
                throw new InvalidOperationException(
                    $"GET {path} should match {resource} but gave {status} {(status == RouteMatchStatus.Matched ? match.Method.Resource.Path : "")}");
            }
        }
    }

    /// <summary>Matches every path of the spread once; reported per matched path.</summary>
    [Benchmark(OperationsPerInvoke = PathsPerInvoke)]
    public int MatchSpreadOfPaths()
    {
        var parameters = 0;
        foreach (var path in _paths)
        {
            _routes.TryMatch("GET", path, out var match);
            parameters += match.PathParameterValues.Length;
        }
        return parameters;
    }

    /// <summary>
    /// The base routes plus generated ones that widen the very nodes the spread walks through (the
    /// root, <c>/pets/{petId}</c>, <c>/v1/catalog</c>), so a cost that grew with sibling count would show.
    /// </summary>
    private static ApiServingConfig BuildConfig(int routeCount)
    {
        var paths = new List<string>(BaseResources);
        for (var i = 0; paths.Count < routeCount; i++)
        {
            paths.Add((i % 3) switch
            {
                0 => $"/svc{i}/items/{{id}}",
                1 => $"/pets/{{petId}}/attr{i}",
                _ => $"/v1/catalog/c{i}/{{id}}",
            });
        }
        var resources = paths
            .Take(routeCount)
            .Select(path => new ResourceDefinition(path, new Dictionary<string, MethodDefinition>
            {
                [path == "/{proxy+}" ? "ANY" : "GET"] = Method(path == "/{proxy+}" ? "ANY" : "GET"),
            }))
            .ToList();
        var definition = new ApiDefinition(resources, new Dictionary<string, string>(), null);
        var info = new RestApiInfo(ApiId, "bench", null, null, DateTimeOffset.UnixEpoch, [], null, "HEADER",
            EndpointConfiguration.Default, null, new Dictionary<string, string>(), false, []);
        var deployment = new DeploymentSnapshot("dep1", null, DateTimeOffset.UnixEpoch, info, definition);
        var stage = new StageRecord(StageName, deployment.Id, null, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch, false, false, null, new Dictionary<string, MethodSetting>(), null,
            new Dictionary<string, string>(), null, null);
        return new ApiServingConfig(ApiId, 1, [stage], [deployment]);
    }

    private static MethodDefinition Method(string httpMethod) => new(
        httpMethod, "NONE", null, false, null, new Dictionary<string, bool>(),
        new IntegrationDefinition("HTTP_PROXY", "ANY", "http://127.0.0.1:9/backend", IntegrationDefinition.DefaultTimeoutInMillis,
            new Dictionary<string, string>(), new Dictionary<string, string>(), [], null, "INTERNET", null, [], null),
        new Dictionary<string, string>(), null, [], null);
}

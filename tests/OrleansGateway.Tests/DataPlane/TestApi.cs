using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>Builds <see cref="ApiServingConfig"/>s the way the cluster would send them: stages pointing at deployment snapshots.</summary>
internal sealed class TestApi
{
    private readonly Dictionary<string, Dictionary<string, MethodDefinition>> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _stages = new(StringComparer.Ordinal);

    public TestApi(string apiId = "abc123") => ApiId = apiId;

    public string ApiId { get; }

    public TestApi Stage(string name, Dictionary<string, string>? variables = null)
    {
        _stages[name] = variables ?? [];
        return this;
    }

    public TestApi Resource(string path)
    {
        if (!_resources.ContainsKey(path))
        {
            _resources[path] = new Dictionary<string, MethodDefinition>(StringComparer.Ordinal);
        }
        return this;
    }

    public TestApi Route(string path, string httpMethod, IntegrationDefinition? integration)
    {
        Resource(path);
        _resources[path][httpMethod] = new MethodDefinition(
            httpMethod, "NONE", null, false, null, new Dictionary<string, bool>(), integration,
            new Dictionary<string, string>(), null, [], null);
        return this;
    }

    /// <summary>A MOCK method whose body names the route, to see which resource served a request.</summary>
    public TestApi MockRoute(string path, string httpMethod, string? body = null) =>
        Route(path, httpMethod, Mock(200, body ?? $"{httpMethod} {path}"));

    public ApiServingConfig Build(long version)
    {
        var definition = new ApiDefinition(
            [.. _resources.Select(pair => new ResourceDefinition(pair.Key, pair.Value))],
            new Dictionary<string, string>(),
            null);
        var info = new RestApiInfo(ApiId, "test", null, null, DateTimeOffset.UnixEpoch, [], null, "HEADER",
            EndpointConfiguration.Default, null, new Dictionary<string, string>(), false, []);
        var deployment = new DeploymentSnapshot($"dep{version}", null, DateTimeOffset.UnixEpoch, info, definition);
        var stages = (_stages.Count == 0 ? new Dictionary<string, Dictionary<string, string>> { ["prod"] = [] } : _stages)
            .Select(pair => new StageRecord(pair.Key, deployment.Id, null, pair.Value, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
                false, false, null, new Dictionary<string, MethodSetting>(), null, new Dictionary<string, string>(), null, null))
            .ToList();
        return new ApiServingConfig(ApiId, version, stages, [deployment]);
    }

    public static IntegrationDefinition HttpProxy(string uri, string httpMethod = "ANY", int timeoutInMillis = 0,
        Dictionary<string, string>? requestParameters = null) =>
        Integration("HTTP_PROXY", uri, httpMethod, timeoutInMillis, requestParameters, [], []);

    public static IntegrationDefinition Http(string uri, Dictionary<string, string> requestParameters,
        IReadOnlyList<IntegrationResponseDefinition> responses, string httpMethod = "ANY") =>
        Integration("HTTP", uri, httpMethod, 0, requestParameters, [], responses);

    public static IntegrationDefinition Mock(int status, string body, Dictionary<string, string>? headers = null,
        IReadOnlyList<IntegrationResponseDefinition>? responses = null) =>
        Integration("MOCK", null, null, 0, null,
            new Dictionary<string, string> { ["application/json"] = $"{{\"statusCode\": {status}}}" },
            responses ??
            [
                Response("default", status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    (headers ?? []).ToDictionary(pair => "method.response.header." + pair.Key, pair => $"'{pair.Value}'"),
                    new Dictionary<string, string> { ["application/json"] = body }),
            ]);

    public static IntegrationResponseDefinition Response(string pattern, string status,
        Dictionary<string, string>? parameters = null, Dictionary<string, string>? templates = null) =>
        new(pattern, status, parameters ?? [], templates ?? [], null);

    public static IntegrationDefinition Integration(string type, string? uri, string? httpMethod, int timeoutInMillis,
        Dictionary<string, string>? requestParameters, Dictionary<string, string> requestTemplates,
        IReadOnlyList<IntegrationResponseDefinition> responses) =>
        new(type, httpMethod, uri, timeoutInMillis, requestParameters ?? [], requestTemplates, responses,
            null, "INTERNET", null, [], null);
}

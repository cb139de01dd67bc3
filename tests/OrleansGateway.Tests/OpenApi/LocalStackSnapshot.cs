using System.Text.Json.Nodes;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>
/// Reads test_apigateway_import.snapshot.json: what real AWS API Gateway created when LocalStack's
/// import tests imported the localstack-import documents (ids and dates normalised).
/// </summary>
internal static class LocalStackSnapshot
{
    private static readonly Lazy<JsonObject> Snapshot = new(() =>
        JsonNode.Parse(ConformanceDocuments.Text("localstack-import/test_apigateway_import.snapshot.json"))!.AsObject());

    /// <summary>The recorded content of one snapshot test, e.g. <c>test_import_swagger_api</c>.</summary>
    public static JsonObject Recorded(string testName) =>
        Snapshot.Value.Single(t => t.Key.EndsWith("::" + testName, StringComparison.Ordinal)).Value!["recorded-content"]!.AsObject();

    /// <summary>The resources GetResources returned: path → methods.</summary>
    public static IReadOnlyDictionary<string, string[]> Resources(string testName, string contentKey) =>
        Recorded(testName)[contentKey]!["items"]!.AsArray().ToDictionary(
            r => r!["path"]!.GetValue<string>(),
            r => (r!["resourceMethods"] as JsonObject)?.Select(m => m.Key).Order(StringComparer.Ordinal).ToArray() ?? []);

    /// <summary>GetMethod's answer for a resource path and method, when the test recorded it.</summary>
    public static JsonObject? Method(string testName, string methodKeyPrefix, string path, string verb)
    {
        var part = path == "/" ? "root" : path.TrimStart('/');
        return Recorded(testName)[$"{methodKeyPrefix}method-{part}-{verb.ToLowerInvariant()}"] as JsonObject;
    }
}

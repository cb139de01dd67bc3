using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Parses JSON this gateway wrote itself (the library's rendering, stored operations and
/// documents). Conversion can nest a schema a few levels deeper than the author wrote it (Swagger 2
/// bodies gain <c>content/{type}/schema</c>), so the depth allowed here is above the input limit.
/// </summary>
internal static class StoredJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4 * OpenApiDocumentText.MaxJsonDepth };

    public static JsonNode? Parse(string json) => JsonNode.Parse(json, null, Options);

    /// <summary>A stored extension value; text that is not JSON (set by hand through another path) is kept as a string.</summary>
    public static JsonNode? ParseValue(string json)
    {
        try
        {
            return Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}

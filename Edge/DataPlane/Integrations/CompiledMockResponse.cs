using System.Text;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// A MOCK integration's answer. Without VTL everything it depends on is static, so the whole
/// response (status, headers, body bytes) is decided when the stage is compiled.
/// </summary>
internal sealed record CompiledMockResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, string ContentType, byte[] Body)
{
    private const string Json = "application/json";

    /// <summary>Builds the mock response, or null when no integration response is selected (a configuration error).</summary>
    public static CompiledMockResponse? Compile(IntegrationDefinition definition, IntegrationResponseSelector responses)
    {
        var selected = responses.Select(ReadRequestedStatus(definition.RequestTemplates));
        if (selected is null)
        {
            return null;
        }
        var headers = selected.Headers
            .Where(header => header.StaticValue is not null)
            .Select(header => new KeyValuePair<string, string>(header.Name, header.StaticValue!))
            .ToArray();
        var (contentType, body) = PickTemplate(selected.Templates);
        return new CompiledMockResponse(selected.StatusCode, headers, contentType, Encoding.UTF8.GetBytes(body));
    }

    // The request template of a MOCK integration says which status to answer with: {"statusCode": 200}.
    private static int ReadRequestedStatus(IReadOnlyDictionary<string, string> requestTemplates)
    {
        const int DefaultStatus = 200;
        if (!requestTemplates.TryGetValue(Json, out var template))
        {
            template = requestTemplates.Values.FirstOrDefault();
        }
        if (string.IsNullOrWhiteSpace(template))
        {
            return DefaultStatus;
        }
        try
        {
            using var document = JsonDocument.Parse(template);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("statusCode", out var status)
                && status.ValueKind == JsonValueKind.Number
                && status.TryGetInt32(out var code))
            {
                return code;
            }
        }
        catch (JsonException)
        {
            // A VTL template is not JSON; without VTL the mock answers with the default status.
        }
        return DefaultStatus;
    }

    private static (string ContentType, string Body) PickTemplate(IReadOnlyDictionary<string, string> templates)
    {
        if (templates.TryGetValue(Json, out var json))
        {
            return (Json, json);
        }
        foreach (var (contentType, body) in templates)
        {
            return (contentType, body);
        }
        return (Json, string.Empty);
    }
}

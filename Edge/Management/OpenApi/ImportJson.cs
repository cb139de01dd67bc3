using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Typed reads of document values that fail with an <see cref="OpenApiImportException"/> naming where
/// and why. Scalars are read leniently (a YAML <c>statusCode: 200</c> is a number, API Gateway takes it
/// as the string "200"); structure is read strictly.
/// </summary>
internal static class ImportJson
{
    public static OpenApiImportException Error(string location, string why) => new($"{location}: {why}");

    /// <summary>"an object", "a string"... for messages.</summary>
    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => CloudFormationIntrinsics.Find(node) is { } intrinsic
            ? $"an unresolved CloudFormation intrinsic ({intrinsic})"
            : "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };

    /// <summary>A scalar as text; null when absent or JSON null.</summary>
    public static string? Scalar(JsonNode? node, string location) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
        _ => throw Error(location, $"expected a string, found {Describe(node)}"),
    };

    public static string? Scalar(JsonObject obj, string name, string location) =>
        Scalar(obj[name], DocumentLocation.Child(location, name));

    public static int? Integer(JsonObject obj, string name, string location)
    {
        var at = DocumentLocation.Child(location, name);
        var text = Scalar(obj[name], at);
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(at, $"expected an integer, found '{text}'");
    }

    public static bool? Boolean(JsonObject obj, string name, string location)
    {
        var at = DocumentLocation.Child(location, name);
        var text = Scalar(obj[name], at);
        if (text is null)
        {
            return null;
        }
        return bool.TryParse(text, out var value) ? value : throw Error(at, $"expected true or false, found '{text}'");
    }

    /// <summary>An object of scalars (requestParameters, requestTemplates...), in declaration order.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(JsonObject obj, string name, string location)
    {
        var at = DocumentLocation.Child(location, name);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj[name] is not { } node || node.GetValueKind() == JsonValueKind.Null)
        {
            return map;
        }
        if (node is not JsonObject entries)
        {
            throw Error(at, $"expected an object, found {Describe(node)}");
        }
        foreach (var (key, value) in entries)
        {
            // A template given as a JSON object (seen in hand-written documents) is kept as its text.
            map[key] = value is JsonObject or JsonArray ? value.ToJsonString() : Scalar(value, DocumentLocation.Child(at, key)) ?? "";
        }
        return map;
    }

    /// <summary>An array of scalars; a single scalar is taken as a one-element list.</summary>
    public static IReadOnlyList<string> StringList(JsonObject obj, string name, string location)
    {
        var at = DocumentLocation.Child(location, name);
        switch (obj[name])
        {
            case null:
                return [];
            case JsonArray array:
                var list = new List<string>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    list.Add(Scalar(array[i], DocumentLocation.Index(at, i)) ?? throw Error(DocumentLocation.Index(at, i), "expected a string, found null"));
                }
                return list;
            case var node when node.GetValueKind() == JsonValueKind.Null:
                return [];
            case var node:
                return [Scalar(node, at)!];
        }
    }

    /// <summary>
    /// An extension whose value must be an object. Some tools write it as a string holding JSON, so a
    /// string is parsed; invalid JSON or any other shape is an error.
    /// </summary>
    public static JsonObject? Object(JsonNode? node, string location)
    {
        switch (node?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                return (JsonObject)node;
            case JsonValueKind.String:
                JsonNode? parsed;
                try
                {
                    parsed = JsonNode.Parse(node.GetValue<string>());
                }
                catch (JsonException ex)
                {
                    throw Error(location, $"invalid JSON in a string that must hold an object: {OpenApiDocumentText.FirstSentence(ex.Message)}");
                }
                return parsed as JsonObject ?? throw Error(location, $"expected an object, found a string holding {Describe(parsed)}");
            default:
                throw Error(location, $"expected an object, found {Describe(node)}");
        }
    }
}

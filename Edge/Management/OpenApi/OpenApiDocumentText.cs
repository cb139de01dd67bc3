using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.YamlReader;
using SharpYaml;
using SharpYaml.Serialization;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Turns the request body into a JSON tree: JSON directly, YAML through the OpenAPI library's own
/// YAML-to-JSON converter (which bounds depth and alias expansion, so an alias bomb is refused).
/// The importer keeps this raw tree to see what the author wrote (is <c>paths</c> there, the
/// Swagger <c>basePath</c>, where each extension sits) before the library normalises it.
/// </summary>
internal static partial class OpenApiDocumentText
{
    /// <summary>Nesting allowed in a document, the same for JSON as the YAML converter's default.</summary>
    public const int MaxJsonDepth = 64;

    public static JsonObject Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        var start = utf8.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            throw new OpenApiImportException("Invalid OpenAPI input: the document is empty.");
        }
        var node = utf8[start] is (byte)'{' or (byte)'[' ? ParseJson(utf8) : ParseYaml(utf8);
        return node as JsonObject
            ?? throw new OpenApiImportException($"Invalid OpenAPI input: the document must be an object at its top level, found {ImportJson.Describe(node)}.");
    }

    /// <summary>The first sentence of a parser message, without System.Text.Json's position suffix.</summary>
    public static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }

    private static JsonNode? ParseJson(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8, null, new JsonDocumentOptions { MaxDepth = MaxJsonDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}"
                : "";
            throw new OpenApiImportException($"Invalid OpenAPI input: the document is not valid JSON{where}: {FirstSentence(ex.Message)}");
        }
    }

    private static JsonNode? ParseYaml(ReadOnlySpan<byte> utf8)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(Encoding.UTF8.GetString(utf8)));
            if (stream.Documents.Count == 0)
            {
                throw new OpenApiImportException("Invalid OpenAPI input: the document is empty.");
            }
            return stream.Documents[0].ToJsonNode();
        }
        catch (YamlException ex)
        {
            var why = MarkPrefix().Replace(ex.Message, "");
            throw new OpenApiImportException(
                $"Invalid OpenAPI input: the document is not valid YAML at line {ex.Start.Line + 1}, column {ex.Start.Column + 1}: {why}");
        }
        catch (ArgumentException ex)
        {
            // SharpYaml reports a repeated mapping key this way.
            throw new OpenApiImportException($"Invalid OpenAPI input: the document is not valid YAML: {ex.Message}");
        }
        catch (OpenApiReaderException ex)
        {
            // The converter's budgets: nesting depth, node count, alias expansion.
            throw new OpenApiImportException($"Invalid OpenAPI input: {ex.Message}");
        }
    }

    // SharpYaml prefixes messages with "(Lin: 3, Col: 0, Chr: 33) - (Lin: 3, Col: 0, Chr: 33): ".
    [GeneratedRegex(@"^\(Lin:[^)]*\)\s*-\s*\(Lin:[^)]*\):\s*")]
    private static partial Regex MarkPrefix();
}

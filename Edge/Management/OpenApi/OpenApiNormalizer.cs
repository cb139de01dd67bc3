using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Reads a document with Microsoft.OpenApi and renders it as OpenAPI 3 JSON, so Swagger 2 and
/// OpenAPI 3 are read as one shape afterwards. Parser errors become import errors naming where;
/// what API Gateway tolerates (an unusable Swagger host, unknown members) becomes a warning.
/// </summary>
internal static partial class OpenApiNormalizer
{
    /// <summary>Reads the document with Microsoft.OpenApi and renders it as OpenAPI 3 JSON.</summary>
    public static JsonObject Normalize(JsonObject raw, bool swagger, List<string> warnings)
    {
        try
        {
            return NormalizeWithLibrary(raw, swagger, warnings);
        }
        catch (Exception ex) when (ex is OpenApiException or FormatException or InvalidOperationException or ArgumentException)
        {
            // The library throws for some shapes it cannot model (a security scheme without a type,
            // a non-boolean "required"); they are the caller's input errors, never a server fault.
            throw new OpenApiImportException($"Invalid OpenAPI input: the OpenAPI parser could not read the document: {ex.Message}");
        }
    }

    private static JsonObject NormalizeWithLibrary(JsonObject raw, bool swagger, List<string> warnings)
    {
        var read = OpenApiSpecConverter.Read(raw);
        var fatal = new List<OpenApiError>();
        foreach (var error in read.Diagnostic?.Errors ?? [])
        {
            // API Gateway ignores host on import; its own exports carry placeholders such as {region} there.
            if (swagger && error.Message.Contains("host", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"host: {error.Message}; ignored, import does not use the host");
            }
            else if (UnknownProperty().Match(error.Message) is { Success: true } unknown)
            {
                // Like API Gateway, unknown members are skipped rather than fatal; the warning says so.
                var name = unknown.Groups["name"].Value;
                var hint = ResourceReader.OperationKeys.ContainsKey(name.ToLowerInvariant()) ? " (operation keys are lower case)" : "";
                warnings.Add($"{PointerLocation(unknown.Groups["pointer"].Value)}: '{name}' is not an OpenAPI property{hint}; ignored");
            }
            else
            {
                fatal.Add(error);
            }
        }
        if (fatal.Count > 0 || read.Document is null)
        {
            var first = fatal.Count > 0 ? $"{PointerLocation(fatal[0].Pointer)}: {fatal[0].Message}" : "the parser produced no document";
            var more = fatal.Count > 1 ? $" (and {fatal.Count - 1} more error(s))" : "";
            throw new OpenApiImportException($"Invalid OpenAPI input: {first}{more}");
        }
        foreach (var warning in read.Diagnostic?.Warnings ?? [])
        {
            warnings.Add($"{PointerLocation(warning.Pointer)}: {warning.Message}");
        }

        var version = read.Diagnostic?.SpecificationVersion ?? OpenApiSpecVersion.OpenApi3_0;
        if (swagger)
        {
            ConvertAnyMethods(read.Document);
        }
        return OpenApiSpecConverter.ToOpenApi3Json(read.Document, version);
    }

    /// <summary>The library converts operations but not extension values, so a Swagger 2 ANY operation is converted here.</summary>
    private static void ConvertAnyMethods(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths ?? [])
        {
            if (item is OpenApiPathItem { Extensions: { } pathExtensions }
                && pathExtensions.TryGetValue(ExtensionCatalog.AnyMethod, out var extension)
                && extension is JsonNodeExtension { Node: JsonObject operation })
            {
                var converted = OpenApiSpecConverter.ConvertOperation(operation, OpenApiSpecVersion.OpenApi2_0, OpenApiSpecVersion.OpenApi3_0, document,
                    DocumentLocation.Operation(path, ExtensionCatalog.AnyMethod));
                pathExtensions[ExtensionCatalog.AnyMethod] = new JsonNodeExtension(converted);
            }
        }
    }

    [GeneratedRegex(@"^(?<name>.+) is not a valid property at (?<pointer>#.*)$")]
    private static partial Regex UnknownProperty();

    // "#/paths/~1pets/get" → "paths./pets.get", matching the importer's own locations.
    private static string PointerLocation(string? pointer)
    {
        if (string.IsNullOrEmpty(pointer) || pointer is "#" or "#/")
        {
            return DocumentLocation.Root;
        }
        var tokens = pointer.TrimStart('#').Trim('/').Split('/')
            .Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return string.Join('.', tokens);
    }
}

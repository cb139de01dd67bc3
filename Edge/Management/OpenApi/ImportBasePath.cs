using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// The <c>basepath</c> import option. Swagger 2 states <c>basePath</c>; OpenAPI 3 has none, so, as
/// API Gateway does, the first <c>basePath</c> server variable wins, else the path of
/// <c>servers[0].url</c>. <c>ignore</c> drops it, <c>prepend</c> puts it before every path,
/// <c>split</c> drops its first segment (taken to be a stage) and prepends the rest.
/// </summary>
internal static partial class ImportBasePath
{
    public const string Ignore = "ignore";
    public const string Prepend = "prepend";
    public const string Split = "split";

    /// <summary>The validated mode in lower case.</summary>
    public static string Mode(string? mode)
    {
        var normalized = string.IsNullOrEmpty(mode) ? Ignore : mode.ToLowerInvariant();
        return normalized is Ignore or Prepend or Split
            ? normalized
            : throw new OpenApiImportException($"basepath: '{mode}' is not a valid mode; use ignore, prepend or split.");
    }

    /// <summary>The segments to put before every path.</summary>
    public static IReadOnlyList<string> Prefix(JsonObject raw, bool swagger, string mode)
    {
        if (mode == Ignore)
        {
            return [];
        }
        var (basePath, location) = swagger
            ? (ImportJson.Scalar(raw, "basePath", DocumentLocation.Root), "basePath")
            : FromServers(raw);
        if (string.IsNullOrEmpty(basePath) || basePath == "/")
        {
            return [];
        }
        var segments = ResourcePaths.Segments(basePath.StartsWith('/') ? basePath : "/" + basePath, location);
        return mode == Split ? segments.Skip(1).ToArray() : segments;
    }

    private static (string? BasePath, string Location) FromServers(JsonObject raw)
    {
        if (raw["servers"] is not JsonArray servers || servers.Count == 0)
        {
            return (null, "servers");
        }
        for (var i = 0; i < servers.Count; i++)
        {
            if (servers[i] is JsonObject server && server["variables"] is JsonObject variables && variables["basePath"] is JsonObject basePath)
            {
                var at = DocumentLocation.Child(DocumentLocation.Index("servers", i), "variables.basePath");
                return (ImportJson.Scalar(basePath, "default", at), DocumentLocation.Child(at, "default"));
            }
        }
        if (servers[0] is not JsonObject first)
        {
            return (null, "servers[0]");
        }
        var url = ImportJson.Scalar(first, "url", "servers[0]");
        return (url is null ? null : PathOf(Substitute(url, first["variables"] as JsonObject)), "servers[0].url");
    }

    private static string Substitute(string url, JsonObject? variables) => ServerVariable().Replace(url, match =>
        variables?[match.Groups[1].Value] is JsonObject variable && variable["default"] is { } value
            ? ImportJson.Scalar(value, "servers[0].variables") ?? ""
            : match.Value);

    private static string PathOf(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return Uri.UnescapeDataString(absolute.AbsolutePath).TrimEnd('/');
        }
        var end = url.IndexOfAny(['?', '#']);
        return (end >= 0 ? url[..end] : url).TrimEnd('/');
    }

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex ServerVariable();
}

using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>
/// The checks an API definition's mappings pass at import, so the data plane only meets mappings
/// it can apply: known keys, names API Gateway accepts (<c>^[a-zA-Z0-9._$-]+$</c>), no framing
/// headers in HTTP API keys (a mapping must never change how a message is delimited), static values without line
/// breaks, HTTP API values that parse, and bounded counts and lengths.
/// </summary>
internal static partial class MappingRules
{
    /// <summary>Most mappings in one <c>requestParameters</c> or <c>responseParameters</c> object.</summary>
    public const int MaxMappings = 50;

    /// <summary>Most status codes in an integration's HTTP API style <c>responseParameters</c>.</summary>
    public const int MaxStatusCodes = 50;

    /// <summary>Longest parameter or header name.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Longest mapping value (API Gateway's header budget is 10,240 bytes in all).</summary>
    public const int MaxValueLength = 4096;

    private static readonly IReadOnlyDictionary<string, string> NoStageVariables = FrozenDictionary<string, string>.Empty;

    // Headers that delimit or route the message itself; mapping them would open request smuggling.
    private static readonly FrozenSet<string> FramingHeaders = new[]
    {
        "Connection", "Content-Length", "Transfer-Encoding", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for headers that delimit the message (Content-Length, Transfer-Encoding...): mappings never set them.</summary>
    public static bool IsFramingHeader(string name) => FramingHeaders.Contains(name);

    /// <summary>The first problem with an integration's <c>requestParameters</c>: (key, message), or null.</summary>
    public static (string Key, string Message)? CheckRequest(IReadOnlyDictionary<string, string> parameters) =>
        Check(parameters, MappingTarget.ParseRequest, response: false, "integration.request.{header|querystring|path}.name or {append|overwrite|remove}:{header|querystring}.name or overwrite:path");

    /// <summary>The first problem with an integration-level (HTTP API style) <c>responseParameters</c> entry: (key, message), or null.</summary>
    public static (string Key, string Message)? CheckResponse(IReadOnlyDictionary<string, string> parameters) =>
        Check(parameters, key => MappingTarget.ParseResponse(key) is { IsHttpApiSyntax: true } target ? target : null,
            response: true, "{append|overwrite|remove}:header.name or overwrite:statuscode");

    /// <summary>The first problem with a REST integration response's <c>responseParameters</c>: (key, message), or null.</summary>
    public static (string Key, string Message)? CheckIntegrationResponse(IReadOnlyDictionary<string, string> parameters) =>
        Check(parameters, key => MappingTarget.ParseResponse(key) is { IsHttpApiSyntax: false } target ? target : null,
            response: true, "method.response.header.name");

    /// <summary>The problem with a status code key of HTTP API style <c>responseParameters</c>, or null.</summary>
    public static string? CheckStatusCode(string statusCode) =>
        int.TryParse(statusCode, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 599 && statusCode.Length == 3
            ? null
            : "expected an HTTP status code between 100 and 599";

    private static (string Key, string Message)? Check(IReadOnlyDictionary<string, string> parameters, Func<string, MappingTarget?> parse, bool response, string expected)
    {
        if (parameters.Count > MaxMappings)
        {
            return (string.Empty, $"{parameters.Count} mappings; at most {MaxMappings} are allowed");
        }
        foreach (var (key, value) in parameters)
        {
            if (parse(key) is not { } target)
            {
                return (key, $"invalid mapping key; expected {expected}");
            }
            if (Problem(target, value, response) is { } problem)
            {
                return (key, problem);
            }
        }
        return null;
    }

    private static string? Problem(MappingTarget target, string value, bool response)
    {
        if (target.Kind is MappingTargetKind.Header or MappingTargetKind.QueryString or MappingTargetKind.PathParameter)
        {
            if (target.Name.Length > MaxNameLength || !ParameterName().IsMatch(target.Name))
            {
                return $"'{Printable(target.Name)}' is not a valid name (letters, digits, '.', '_', '$' and '-', at most {MaxNameLength})";
            }
            // REST keys naming one are accepted (AWS's own exports map Content-Length) and skipped by the stage compiler.
            if (target.Kind == MappingTargetKind.Header && target.IsHttpApiSyntax && IsFramingHeader(target.Name))
            {
                return $"header '{target.Name}' frames the message and cannot be mapped";
            }
        }
        if (value.Length > MaxValueLength)
        {
            return $"the value is {value.Length} characters; at most {MaxValueLength} are allowed";
        }
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            return "the value contains a line break or NUL";
        }
        if (!target.IsHttpApiSyntax || target.Action == MappingAction.Remove)
        {
            // REST sources are checked when a stage is compiled (an unknown one is reported and skipped,
            // as before); a removal's value is ignored ('' by convention).
            return null;
        }
        var expression = MappingExpression.ParseHttpApi(value, null, NoStageVariables, out var problem);
        if (expression is null)
        {
            return problem;
        }
        if (!response && expression.ReadsResponse)
        {
            return $"'{value}': a request cannot be mapped from the response";
        }
        if (target.Kind == MappingTargetKind.StatusCode && expression.StaticText is { } status && CheckStatusCode(status) is { } statusProblem)
        {
            return $"'{status}': {statusProblem}";
        }
        return null;
    }

    private static string Printable(string text) => text.Length > 64 ? text[..64] + "..." : text;

    [GeneratedRegex("^[a-zA-Z0-9._$-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}

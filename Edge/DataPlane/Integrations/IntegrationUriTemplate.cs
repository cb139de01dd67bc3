using System.Runtime.CompilerServices;
using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// An HTTP integration URI compiled for one stage and method: <c>${stageVariables.x}</c> is
/// substituted at compile time (a stage's variables are part of what is compiled), and the
/// remaining <c>{param}</c> placeholders are bound to their sources, so rendering a request's
/// destination is a walk over a few parts.
/// </summary>
internal sealed class IntegrationUriTemplate
{
    private const string StageVariablePrefix = "${stageVariables.";

    private readonly Part[] _parts;
    private readonly bool _hasQuery;
    private readonly bool _appendCallerQuery;
    private readonly ParameterMapping[] _queryMappings;

    // A URI without placeholders or query parameters to add is the same for every request.
    private readonly Uri? _constant;

    private IntegrationUriTemplate(Part[] parts, bool appendCallerQuery, ParameterMapping[] queryMappings)
    {
        _parts = parts;
        _appendCallerQuery = appendCallerQuery;
        _queryMappings = queryMappings;
        _hasQuery = parts.Any(part => part.Source is null && part.Literal.Contains('?', StringComparison.Ordinal));
        if (parts.All(part => part.Source is null) && queryMappings.Length == 0)
        {
            Uri.TryCreate(string.Concat(parts.Select(part => part.Literal)), UriKind.Absolute, out _constant);
        }
    }

    /// <summary>
    /// Compiles <paramref name="template"/>; null when it does not yield an absolute http(s) URI.
    /// </summary>
    /// <param name="template">The integration's <c>uri</c>.</param>
    /// <param name="stageVariables">The stage's variables.</param>
    /// <param name="placeholderSource">Resolves a <c>{name}</c> placeholder to its source, or null.</param>
    /// <param name="appendCallerQuery">True for HTTP_PROXY: the caller's query string is forwarded.</param>
    /// <param name="queryMappings">Mapped <c>integration.request.querystring.*</c> parameters.</param>
    public static IntegrationUriTemplate? TryCompile(
        string template,
        IReadOnlyDictionary<string, string> stageVariables,
        Func<string, ParameterSource?> placeholderSource,
        bool appendCallerQuery,
        ParameterMapping[] queryMappings)
    {
        var expanded = ExpandStageVariables(template, stageVariables);
        var parts = new List<Part>();
        var literalStart = 0;
        var position = 0;
        while (position < expanded.Length)
        {
            var open = expanded.IndexOf('{', position);
            if (open < 0)
            {
                break;
            }
            var close = expanded.IndexOf('}', open + 1);
            if (close < 0)
            {
                return null;
            }
            if (open > literalStart)
            {
                parts.Add(new Part(expanded[literalStart..open], null));
            }
            var name = expanded[(open + 1)..close];
            parts.Add(new Part(string.Empty, placeholderSource(name) ?? ParameterSource.Static(string.Empty)));
            position = literalStart = close + 1;
        }
        if (literalStart < expanded.Length)
        {
            parts.Add(new Part(expanded[literalStart..], null));
        }

        // Validate the shape once with placeholder text, so a request never meets a template that
        // cannot form a URI because of how it was written.
        var sample = string.Concat(parts.Select(part => part.Source is null ? part.Literal : "x"));
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }
        return new IntegrationUriTemplate([.. parts], appendCallerQuery, queryMappings);
    }

    /// <summary>Renders the destination of one request; false when the values do not form a URI.</summary>
    public bool TryRender(HttpContext context, ExecuteApiRequest request, out Uri destination)
    {
        var callerQuery = _appendCallerQuery ? context.Request.QueryString.Value : null;
        if (_constant is not null && string.IsNullOrEmpty(callerQuery))
        {
            destination = _constant;
            return true;
        }

        // The handler rents its buffer from the array pool: the only allocation is the final string.
        var builder = new DefaultInterpolatedStringHandler(0, 0);
        foreach (var part in _parts)
        {
            if (part.Source is null)
            {
                builder.AppendLiteral(part.Literal);
                continue;
            }
            var value = part.Source.Read(context, request).ToString();
            if (part.Source.IsGreedyPath)
            {
                AppendGreedy(ref builder, value);
            }
            else
            {
                builder.AppendLiteral(Uri.EscapeDataString(value));
            }
        }

        var hasQuery = _hasQuery;
        if (!string.IsNullOrEmpty(callerQuery) && callerQuery.Length > 1)
        {
            builder.AppendLiteral(hasQuery ? "&" : "?");
            builder.AppendFormatted(callerQuery.AsSpan(1));
            hasQuery = true;
        }
        foreach (var mapping in _queryMappings)
        {
            foreach (var value in mapping.Source.Read(context, request))
            {
                if (value is null)
                {
                    continue;
                }
                builder.AppendLiteral(hasQuery ? "&" : "?");
                builder.AppendLiteral(Uri.EscapeDataString(mapping.Name));
                builder.AppendLiteral("=");
                builder.AppendLiteral(Uri.EscapeDataString(value));
                hasQuery = true;
            }
        }
        return Uri.TryCreate(builder.ToStringAndClear(), UriKind.Absolute, out destination!);
    }

    // {proxy} carries a sub-path: each segment is escaped, the slashes between them are kept.
    private static void AppendGreedy(ref DefaultInterpolatedStringHandler builder, string value)
    {
        var first = true;
        foreach (var range in value.AsSpan().Split('/'))
        {
            if (!first)
            {
                builder.AppendLiteral("/");
            }
            builder.AppendLiteral(Uri.EscapeDataString(value[range]));
            first = false;
        }
    }

    private static string ExpandStageVariables(string template, IReadOnlyDictionary<string, string> stageVariables)
    {
        var start = template.IndexOf(StageVariablePrefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return template;
        }
        var result = new System.Text.StringBuilder(template.Length);
        var position = 0;
        while (start >= 0)
        {
            var end = template.IndexOf('}', start);
            if (end < 0)
            {
                break;
            }
            result.Append(template, position, start - position);
            var name = template[(start + StageVariablePrefix.Length)..end];
            // A missing variable resolves to empty, as in API Gateway.
            result.Append(stageVariables.TryGetValue(name, out var value) ? value : string.Empty);
            position = end + 1;
            start = template.IndexOf(StageVariablePrefix, position, StringComparison.Ordinal);
        }
        result.Append(template, position, template.Length - position);
        return result.ToString();
    }

    private readonly record struct Part(string Literal, ParameterSource? Source);
}

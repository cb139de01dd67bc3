using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.DataPlane.Routing;

namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>
/// An integration's HTTP API style request mappings (<c>append:</c>, <c>overwrite:</c>,
/// <c>remove:</c> on headers and query strings, <c>overwrite:path</c>), compiled with the stage.
/// Values are read from the caller's request, never from what earlier mappings produced.
/// </summary>
internal sealed class RequestMappings
{
    private RequestMappings(MappingOperation[] headers, MappingOperation[] queries, MappingExpression? path)
    {
        Headers = headers;
        Queries = queries;
        Path = path;
    }

    /// <summary>No mappings.</summary>
    public static RequestMappings None { get; } = new([], [], null);

    /// <summary>Header operations, in application order.</summary>
    public MappingOperation[] Headers { get; }

    /// <summary>Query string operations, in application order.</summary>
    public MappingOperation[] Queries { get; }

    /// <summary>The backend path's replacement, or null.</summary>
    public MappingExpression? Path { get; }

    /// <summary>
    /// Compiles the HTTP API style entries of <paramref name="parameters"/> (REST style entries are
    /// the integration compiler's); entries that do not compile are reported and skipped.
    /// </summary>
    public static RequestMappings Compile(
        IReadOnlyDictionary<string, string> parameters,
        CompiledResource resource,
        IReadOnlyDictionary<string, string> stageVariables,
        Action<string> problem)
    {
        var headers = new List<MappingOperation>();
        var queries = new List<MappingOperation>();
        MappingExpression? path = null;
        foreach (var (key, value) in parameters)
        {
            if (!MappingTarget.IsHttpApiKey(key))
            {
                continue;
            }
            if (MappingTarget.ParseRequest(key) is not { IsHttpApiSyntax: true } target)
            {
                problem($"request parameter target '{key}' is not supported and ignored");
                continue;
            }
            MappingExpression? expression = null;
            if (target.Action != MappingAction.Remove)
            {
                expression = MappingExpression.ParseHttpApi(value, resource, stageVariables, out var reason);
                if (expression is null || expression.ReadsResponse)
                {
                    problem($"request parameter '{key}': {reason ?? "a request cannot be mapped from the response"}; ignored");
                    continue;
                }
            }
            switch (target.Kind)
            {
                case MappingTargetKind.Header:
                    headers.Add(new MappingOperation(target.Action, target.Name, expression));
                    break;
                case MappingTargetKind.QueryString:
                    queries.Add(new MappingOperation(target.Action, target.Name, expression));
                    break;
                default:
                    path = expression;
                    break;
            }
        }
        return headers.Count == 0 && queries.Count == 0 && path is null
            ? None
            : new RequestMappings(MappingOperation.InApplicationOrder(headers), MappingOperation.InApplicationOrder(queries), path);
    }

    /// <summary>True when a header operation sets <paramref name="name"/> (so the gateway does not strip it as a credential).</summary>
    public bool SetsHeader(string name)
    {
        foreach (var operation in Headers)
        {
            if (operation.Action != MappingAction.Remove && string.Equals(operation.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Applies the header operations to the backend request.</summary>
    public void ApplyHeaders(HttpContext context, ExecuteApiRequest request, HttpRequestMessage proxyRequest)
    {
        foreach (var operation in Headers)
        {
            if (operation.Action != MappingAction.Append)
            {
                proxyRequest.Headers.Remove(operation.Name);
                proxyRequest.Content?.Headers.Remove(operation.Name);
            }
            if (operation.Value is null)
            {
                continue;
            }
            var value = operation.Value.Read(context, request).ToString();
            if (value.Length == 0)
            {
                // A value whose source is absent is omitted, as in API Gateway.
                continue;
            }
            if (!proxyRequest.Headers.TryAddWithoutValidation(operation.Name, value) && proxyRequest.Content is not null)
            {
                proxyRequest.Content.Headers.TryAddWithoutValidation(operation.Name, value);
            }
        }
    }

    /// <summary>The destination with the query string and path operations applied.</summary>
    public Uri ApplyToUri(HttpContext context, ExecuteApiRequest request, Uri destination)
    {
        if (Queries.Length == 0 && Path is null)
        {
            return destination;
        }
        // Built as text: UriBuilder would escape the already escaped path a second time.
        var path = Path is null ? destination.AbsolutePath : EscapePath(Path.Read(context, request).ToString());
        var queryText = destination.Query;
        if (Queries.Length > 0)
        {
            var query = QueryHelpers.ParseNullableQuery(destination.Query) ?? [];
            foreach (var operation in Queries)
            {
                if (operation.Action == MappingAction.Remove)
                {
                    query.Remove(operation.Name);
                    continue;
                }
                var value = operation.Value!.Read(context, request).ToString();
                if (value.Length == 0)
                {
                    if (operation.Action == MappingAction.Overwrite)
                    {
                        query.Remove(operation.Name);
                    }
                    continue;
                }
                query[operation.Name] = operation.Action == MappingAction.Append && query.TryGetValue(operation.Name, out var existing)
                    ? StringValues.Concat(existing, value)
                    : new StringValues(value);
            }
            var rebuilt = new QueryBuilder();
            foreach (var (name, values) in query)
            {
                foreach (var value in values)
                {
                    rebuilt.Add(name, value ?? string.Empty);
                }
            }
            queryText = rebuilt.ToQueryString().Value ?? string.Empty;
        }
        return Uri.TryCreate(destination.GetLeftPart(UriPartial.Authority) + path + queryText, UriKind.Absolute, out var mapped) ? mapped : destination;
    }

    // Each segment is escaped; the slashes between segments are kept.
    private static string EscapePath(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Uri.EscapeDataString(Uri.UnescapeDataString(segments[i]));
        }
        var escaped = string.Join('/', segments);
        return escaped.StartsWith('/') ? escaped : "/" + escaped;
    }
}

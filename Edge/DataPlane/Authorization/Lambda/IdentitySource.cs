using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>Where an identity-source value comes from.</summary>
internal enum IdentitySourceKind
{
    Header,
    QueryString,
    StageVariable,
    Context,
}

/// <summary>
/// One identity source of a Lambda-style authorizer: REST's <c>method.request.header.X</c>,
/// <c>method.request.querystring.X</c>, <c>stageVariables.X</c>, <c>context.X</c>, or the HTTP API
/// selection expressions <c>$request.header.X</c>, <c>$request.querystring.X</c>,
/// <c>$stageVariables.X</c>, <c>$context.X</c>. Headers match case-insensitively, query strings exactly.
/// </summary>
internal sealed record IdentitySource(IdentitySourceKind Kind, string Name)
{
    private static readonly (string Prefix, IdentitySourceKind Kind)[] Prefixes =
    [
        ("method.request.header.", IdentitySourceKind.Header),
        ("method.request.querystring.", IdentitySourceKind.QueryString),
        ("stageVariables.", IdentitySourceKind.StageVariable),
        ("context.", IdentitySourceKind.Context),
        ("$request.header.", IdentitySourceKind.Header),
        ("$request.querystring.", IdentitySourceKind.QueryString),
        ("$stageVariables.", IdentitySourceKind.StageVariable),
        ("$context.", IdentitySourceKind.Context),
    ];

    /// <summary>The sources in a comma-separated list; null when one of them is not a source this gateway understands.</summary>
    public static IdentitySource[]? ParseList(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return [];
        }
        var parts = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sources = new IdentitySource[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var source = Parse(parts[i]);
            if (source is null)
            {
                return null;
            }
            sources[i] = source;
        }
        return sources;
    }

    private static IdentitySource? Parse(string expression)
    {
        foreach (var (prefix, kind) in Prefixes)
        {
            if (expression.StartsWith(prefix, StringComparison.Ordinal) && expression.Length > prefix.Length)
            {
                return new IdentitySource(kind, expression[prefix.Length..]);
            }
        }
        return null;
    }

    /// <summary>This source's value in the request; null or empty when absent.</summary>
    public string? Read(HttpContext context, ExecuteApiRequest request)
    {
        switch (Kind)
        {
            case IdentitySourceKind.Header:
                var header = context.Request.Headers[Name];
                return header.Count == 0 ? null : header.Count == 1 ? header[0] : string.Join(',', header.ToArray());
            case IdentitySourceKind.QueryString:
                var query = context.Request.Query[Name];
                return query.Count == 0 ? null : query[^1];
            case IdentitySourceKind.StageVariable:
                return request.StageVariables.TryGetValue(Name, out var variable) ? variable : null;
            default:
                return ReadContext(context, request);
        }
    }

    private string? ReadContext(HttpContext context, ExecuteApiRequest request) => Name switch
    {
        "apiId" or "domainPrefix" => request.ApiId,
        "stage" => request.StageName,
        "httpMethod" => context.Request.Method,
        "resourcePath" => request.ResourcePath,
        "resourceId" => request.ResourceId,
        "path" => context.Request.Path.Value,
        "domainName" => context.Request.Host.Host,
        "routeKey" => $"{context.Request.Method} {request.ResourcePath}",
        "identity.sourceIp" => context.Connection.RemoteIpAddress?.ToString(),
        "identity.userAgent" => context.Request.Headers.UserAgent.ToString(),
        "identity.apiKey" => context.Request.Headers["x-api-key"].ToString(),
        "identity.vpceId" => context.Features.Get<Hosting.DataPlaneListener>()?.VpcEndpointId,
        "identity.clientCert.serialNumber" => context.Features.Get<Security.Tls.ClientCertificateIdentity>()?.SerialNumber,
        "identity.clientCert.subjectDN" => context.Features.Get<Security.Tls.ClientCertificateIdentity>()?.SubjectDN,
        _ => null,
    };
}

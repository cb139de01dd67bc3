namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>
/// The compiled right-hand side of a <c>gatewayresponse.header.X</c> mapping: <c>'static'</c>,
/// <c>method.request.{header|querystring|path}.y</c>, <c>stageVariables.y</c> or <c>context.y</c>.
/// Parsed once per stage so the request path only looks the value up.
/// </summary>
internal sealed record GatewayResponseValue(GatewayResponseValueSource Source, string Name)
{
    /// <summary>Compiles <paramref name="expression"/>; null when it is not a supported mapping expression.</summary>
    public static GatewayResponseValue? TryParse(string expression)
    {
        if (expression.Length >= 2 && expression[0] == '\'' && expression[^1] == '\'')
        {
            return new(GatewayResponseValueSource.Static, expression[1..^1]);
        }
        foreach (var (prefix, source) in Prefixes)
        {
            if (expression.StartsWith(prefix, StringComparison.Ordinal) && expression.Length > prefix.Length)
            {
                var name = source is GatewayResponseValueSource.Variable ? expression : expression[prefix.Length..];
                return new(source, name);
            }
        }
        return null;
    }

    /// <summary>The value for one request.</summary>
    public string Resolve(in GatewayResponseRendering rendering) => Source switch
    {
        GatewayResponseValueSource.Static => Name,
        GatewayResponseValueSource.RequestHeader => rendering.Header(Name),
        GatewayResponseValueSource.QueryString => rendering.Query(Name),
        GatewayResponseValueSource.PathParameter => rendering.PathParameter(Name),
        _ => rendering.Variable(Name),
    };

    private static readonly (string Prefix, GatewayResponseValueSource Source)[] Prefixes =
    [
        ("method.request.header.", GatewayResponseValueSource.RequestHeader),
        ("method.request.querystring.", GatewayResponseValueSource.QueryString),
        ("method.request.path.", GatewayResponseValueSource.PathParameter),
        ("stageVariables.", GatewayResponseValueSource.Variable),
        ("context.", GatewayResponseValueSource.Variable),
    ];
}

/// <summary>Where a <see cref="GatewayResponseValue"/> comes from.</summary>
internal enum GatewayResponseValueSource
{
    /// <summary>A quoted literal.</summary>
    Static,
    /// <summary><c>method.request.header.x</c>.</summary>
    RequestHeader,
    /// <summary><c>method.request.querystring.x</c>.</summary>
    QueryString,
    /// <summary><c>method.request.path.x</c>.</summary>
    PathParameter,
    /// <summary><c>context.x</c> or <c>stageVariables.x</c>.</summary>
    Variable,
}

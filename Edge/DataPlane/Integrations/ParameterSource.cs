using System.Globalization;
using Microsoft.Extensions.Primitives;
using OrleansGateway.Edge.DataPlane.Integrations.Mappings;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.DataPlane.Routing;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// The right-hand side of a parameter mapping (<c>method.request.header.x</c>, <c>'static'</c>,
/// <c>stageVariables.x</c>, <c>context.x</c>, <c>integration.response.header.x</c>...), or one
/// HTTP API reference (<c>request.header.x</c>, <c>response.body.a</c>...), parsed when the stage
/// is compiled so a request only reads a value. Stage variables are constant for a compiled stage
/// and become static values.
/// </summary>
internal sealed class ParameterSource
{
    private readonly ParameterSourceKind _kind;
    private readonly string _name;
    private readonly int _pathSlot;
    private readonly ContextVariable _context;
    private readonly StringValues _static;
    private readonly ResponseBodyPath? _bodyPath;

    private ParameterSource(ParameterSourceKind kind, string name, int pathSlot, ContextVariable context, StringValues value, ResponseBodyPath? bodyPath = null)
    {
        _kind = kind;
        _name = name;
        _pathSlot = pathSlot;
        _context = context;
        _static = value;
        _bodyPath = bodyPath;
    }

    /// <summary>True when the value is the resource's greedy path parameter (its slashes are kept when put in a URI).</summary>
    public bool IsGreedyPath { get; private init; }

    /// <summary>The value of a constant (static text or a stage variable); null for every other source.</summary>
    public string? StaticValue => _kind == ParameterSourceKind.Static ? _static.ToString() : null;

    /// <summary>True when reading needs the backend's body (buffered before the response is sent).</summary>
    public bool ReadsResponseBody => _kind == ParameterSourceKind.ResponseBody;

    /// <summary>True when reading needs the backend's response.</summary>
    public bool ReadsResponse => _kind is ParameterSourceKind.ResponseHeader or ParameterSourceKind.MultiValueResponseHeader or ParameterSourceKind.ResponseBody;

    /// <summary>Parses <paramref name="expression"/>; null when it is not a supported source.</summary>
    public static ParameterSource? Parse(string expression, CompiledResource resource, IReadOnlyDictionary<string, string> stageVariables)
    {
        const string Header = "method.request.header.";
        const string MultiValueHeader = "method.request.multivalueheader.";
        const string QueryString = "method.request.querystring.";
        const string MultiValueQueryString = "method.request.multivaluequerystring.";
        const string Path = "method.request.path.";

        if (expression.Length >= 2 && expression[0] == '\'' && expression[^1] == '\'')
        {
            return Static(expression[1..^1]);
        }
        if (TryName(expression, Header, out var name))
        {
            return new(ParameterSourceKind.Header, name, -1, default, default);
        }
        if (TryName(expression, MultiValueHeader, out name))
        {
            return new(ParameterSourceKind.MultiValueHeader, name, -1, default, default);
        }
        if (TryName(expression, QueryString, out name))
        {
            return new(ParameterSourceKind.QueryString, name, -1, default, default);
        }
        if (TryName(expression, MultiValueQueryString, out name))
        {
            return new(ParameterSourceKind.MultiValueQueryString, name, -1, default, default);
        }
        if (TryName(expression, Path, out name))
        {
            var slot = resource.IndexOfParameter(name);
            return slot < 0
                ? null
                : new(ParameterSourceKind.Path, name, slot, default, default) { IsGreedyPath = slot == resource.GreedyParameterIndex };
        }
        return ParseStageOrContext(expression, stageVariables);
    }

    /// <summary>
    /// Parses the source of an integration response's <c>method.response.header.*</c> mapping:
    /// <c>integration.response.header.x</c>, <c>integration.response.multivalueheader.x</c>,
    /// <c>integration.response.body</c>, <c>integration.response.body.{JSONPath}</c>, <c>'static'</c>,
    /// <c>stageVariables.x</c>, <c>context.x</c>; null when it is none of those.
    /// </summary>
    public static ParameterSource? ParseResponse(string expression, IReadOnlyDictionary<string, string> stageVariables)
    {
        const string Header = "integration.response.header.";
        const string MultiValueHeader = "integration.response.multivalueheader.";
        const string Body = "integration.response.body";

        if (expression.Length >= 2 && expression[0] == '\'' && expression[^1] == '\'')
        {
            return Static(expression[1..^1]);
        }
        if (TryName(expression, Header, out var name))
        {
            return new(ParameterSourceKind.ResponseHeader, name, -1, default, default);
        }
        if (TryName(expression, MultiValueHeader, out name))
        {
            return new(ParameterSourceKind.MultiValueResponseHeader, name, -1, default, default);
        }
        if (expression.StartsWith(Body, StringComparison.Ordinal))
        {
            return BodySource(expression.Length == Body.Length ? null : expression[Body.Length..]);
        }
        return ParseStageOrContext(expression, stageVariables);
    }

    /// <summary>
    /// Parses one HTTP API mapping reference (what follows <c>$</c>): <c>request.header.x</c>,
    /// <c>request.querystring.x</c>, <c>request.path.x</c>, <c>request.path</c>, <c>response.header.x</c>,
    /// <c>response.body[.path]</c>, <c>context.x</c>, <c>stageVariables.x</c>; null when unsupported.
    /// Repeated headers and query parameters read as all their values (joined with commas by the caller).
    /// </summary>
    public static ParameterSource? ParseReference(string reference, CompiledResource? resource, IReadOnlyDictionary<string, string> stageVariables)
    {
        if (TryName(reference, "request.header.", out var name))
        {
            return new(ParameterSourceKind.MultiValueHeader, name, -1, default, default);
        }
        if (TryName(reference, "request.querystring.", out name))
        {
            return new(ParameterSourceKind.MultiValueQueryString, name, -1, default, default);
        }
        if (reference == "request.path")
        {
            return new(ParameterSourceKind.Context, string.Empty, -1, ContextVariable.PathWithoutStage, default);
        }
        if (TryName(reference, "request.path.", out name))
        {
            if (resource is null)
            {
                // Import checks syntax before resources are compiled; the stage compiler binds the slot.
                return new(ParameterSourceKind.Path, name, int.MaxValue, default, default);
            }
            var slot = resource.IndexOfParameter(name);
            return slot < 0
                ? null
                : new(ParameterSourceKind.Path, name, slot, default, default) { IsGreedyPath = slot == resource.GreedyParameterIndex };
        }
        if (TryName(reference, "response.header.", out name))
        {
            return new(ParameterSourceKind.MultiValueResponseHeader, name, -1, default, default);
        }
        if (reference.StartsWith("response.body", StringComparison.Ordinal))
        {
            return BodySource(reference.Length == "response.body".Length ? null : reference["response.body".Length..]);
        }
        return ParseStageOrContext(reference, stageVariables);
    }

    // path is what follows "body": null for the whole body, else ".a.b", ".$.a" or "[0]".
    private static ParameterSource? BodySource(string? path)
    {
        if (path is null)
        {
            return new(ParameterSourceKind.ResponseBody, string.Empty, -1, default, default, ResponseBodyPath.Root);
        }
        if (path[0] == '.')
        {
            path = path[1..];
        }
        else if (path[0] != '[')
        {
            return null;
        }
        var parsed = path.Length == 0 ? null : ResponseBodyPath.Parse(path);
        return parsed is null ? null : new(ParameterSourceKind.ResponseBody, path, -1, default, default, parsed);
    }

    private static ParameterSource? ParseStageOrContext(string expression, IReadOnlyDictionary<string, string> stageVariables)
    {
        const string StageVariable = "stageVariables.";
        const string Context = "context.";
        if (TryName(expression, StageVariable, out var name))
        {
            return Static(stageVariables.TryGetValue(name, out var value) ? value : string.Empty);
        }
        if (TryName(expression, Context + "authorizer.claims.", out name))
        {
            return new(ParameterSourceKind.Context, name, -1, ContextVariable.AuthorizerClaim, default);
        }
        if (TryName(expression, Context, out name) && ContextVariableNames.TryParse(name, out var variable))
        {
            return new(ParameterSourceKind.Context, name, -1, variable, default);
        }
        if (TryName(expression, Context + "authorizer.", out name))
        {
            // Any other authorizer.{key}: a Lambda authorizer's context value, keys chosen by the function.
            return new(ParameterSourceKind.Context, name, -1, ContextVariable.AuthorizerContext, default);
        }
        return null;
    }

    /// <summary>A source for the path parameter in <paramref name="slot"/> of the matched resource.</summary>
    public static ParameterSource ForPathSlot(CompiledResource resource, int slot) =>
        new(ParameterSourceKind.Path, resource.ParameterNames[slot], slot, default, default)
        {
            IsGreedyPath = slot == resource.GreedyParameterIndex,
        };

    /// <summary>A constant value.</summary>
    public static ParameterSource Static(string value) =>
        new(ParameterSourceKind.Static, string.Empty, -1, default, new StringValues(value));

    /// <summary>The value(s) for this request; empty when absent (response sources are absent without <paramref name="response"/>).</summary>
    public StringValues Read(HttpContext context, ExecuteApiRequest request, BackendResponseView? response = null)
    {
        switch (_kind)
        {
            case ParameterSourceKind.Static:
                return _static;
            case ParameterSourceKind.Header:
                return Last(context.Request.Headers[_name]);
            case ParameterSourceKind.MultiValueHeader:
                return context.Request.Headers[_name];
            case ParameterSourceKind.QueryString:
                return Last(context.Request.Query[_name]);
            case ParameterSourceKind.MultiValueQueryString:
                return context.Request.Query[_name];
            case ParameterSourceKind.Path:
                var values = request.PathParameterValues;
                return _pathSlot < values.Length ? values[_pathSlot] : StringValues.Empty;
            case ParameterSourceKind.ResponseHeader:
                return response is null ? StringValues.Empty : Last(response.Header(_name));
            case ParameterSourceKind.MultiValueResponseHeader:
                return response?.Header(_name) ?? StringValues.Empty;
            case ParameterSourceKind.ResponseBody:
                return response?.Body(_bodyPath!) is { } text ? new StringValues(text) : StringValues.Empty;
            default:
                return ReadContext(context, request);
        }
    }

    private StringValues ReadContext(HttpContext context, ExecuteApiRequest request) => _context switch
    {
        ContextVariable.RequestId => request.RequestId,
        ContextVariable.ExtendedRequestId => request.ExtendedRequestId,
        ContextVariable.ApiId => request.ApiId,
        ContextVariable.Stage => request.StageName,
        ContextVariable.HttpMethod => context.Request.Method,
        ContextVariable.ResourcePath => request.ResourcePath,
        ContextVariable.ResourceId => request.ResourceId,
        ContextVariable.Path => context.Request.Path.Value,
        ContextVariable.PathWithoutStage => PathWithoutStage(context, request),
        ContextVariable.DomainName => context.Request.Host.Host,
        ContextVariable.DomainPrefix => request.ApiId,
        ContextVariable.Protocol => context.Request.Protocol,
        ContextVariable.RequestTime => request.RequestTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
        ContextVariable.RequestTimeEpoch => request.RequestTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        ContextVariable.SourceIp => context.Connection.RemoteIpAddress?.ToString(),
        ContextVariable.UserAgent => context.Request.Headers.UserAgent,
        ContextVariable.VpceId => context.Features.Get<Hosting.DataPlaneListener>()?.VpcEndpointId,
        ContextVariable.ClientCertPem => context.Features.Get<Security.Tls.ClientCertificateIdentity>()?.ClientCertPem,
        ContextVariable.ClientCertSubjectDN => context.Features.Get<Security.Tls.ClientCertificateIdentity>()?.SubjectDN,
        ContextVariable.ClientCertIssuerDN => context.Features.Get<Security.Tls.ClientCertificateIdentity>()?.IssuerDN,
        ContextVariable.ClientCertSerialNumber => context.Features.Get<Security.Tls.ClientCertificateIdentity>()?.SerialNumber,
        ContextVariable.ClientCertNotBefore => context.Features.Get<Security.Tls.ClientCertificateIdentity>()?.NotBeforeText,
        ContextVariable.ClientCertNotAfter => context.Features.Get<Security.Tls.ClientCertificateIdentity>()?.NotAfterText,
        ContextVariable.AuthorizerClaim => request.Authorizer?.Claims.GetValueOrDefault(_name),
        ContextVariable.AuthorizerPrincipalId => request.Authorizer?.PrincipalId,
        ContextVariable.AuthorizerContext => request.Authorizer?.Context.GetValueOrDefault(_name),
        ContextVariable.IdentityAccessKey => request.Authorizer?.Caller?.AccessKey,
        ContextVariable.IdentityAccountId => request.Authorizer?.Caller?.AccountId,
        ContextVariable.IdentityCaller => request.Authorizer?.Caller?.Caller,
        ContextVariable.IdentityUser => request.Authorizer?.Caller?.User,
        ContextVariable.IdentityUserArn => request.Authorizer?.Caller?.UserArn,
        ContextVariable.IdentityApiKeyId => request.ApiKeyId,
        ContextVariable.IdentityApiKey => request.ApiKey,
        _ => StringValues.Empty,
    };

    private static string? PathWithoutStage(HttpContext context, ExecuteApiRequest request)
    {
        var path = context.Request.Path.Value ?? "/";
        var stage = request.StageName;
        return path.Length > stage.Length + 1 && path[0] == '/' && path.AsSpan(1).StartsWith(stage, StringComparison.Ordinal) && path[stage.Length + 1] == '/'
            ? path[(stage.Length + 1)..]
            : path.Length == stage.Length + 1 ? "/" : path;
    }

    // API Gateway keeps the last value of a repeated parameter for single-valued sources.
    private static StringValues Last(StringValues values) => values.Count > 1 ? values[values.Count - 1] : values;

    private static bool TryName(string expression, string prefix, out string name)
    {
        name = string.Empty;
        if (!expression.StartsWith(prefix, StringComparison.Ordinal) || expression.Length == prefix.Length)
        {
            return false;
        }
        name = expression[prefix.Length..];
        return true;
    }

    private enum ParameterSourceKind
    {
        Static,
        Header,
        MultiValueHeader,
        QueryString,
        MultiValueQueryString,
        Path,
        Context,
        ResponseHeader,
        MultiValueResponseHeader,
        ResponseBody,
    }
}

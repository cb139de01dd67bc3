using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace OrleansGateway.Edge.DataPlane.Cors;

/// <summary>
/// A stage's <see cref="CorsConfiguration"/> compiled once into lookups and ready header values, so
/// the request path only compares and copies. HTTP API semantics (reference §5.3): preflights are
/// answered at the gateway; an allowed origin is reflected (or <c>*</c> when any origin is allowed
/// without credentials); an origin that is not allowed gets no CORS headers at all; CORS headers
/// the backend sends are dropped so the configuration is the one answer.
/// </summary>
public sealed class CorsPolicy
{
    private const string Wildcard = "*";

    private static readonly string[] CorsResponseHeaders =
    [
        HeaderNames.AccessControlAllowOrigin, HeaderNames.AccessControlAllowCredentials, HeaderNames.AccessControlExposeHeaders,
        HeaderNames.AccessControlAllowMethods, HeaderNames.AccessControlAllowHeaders, HeaderNames.AccessControlMaxAge,
    ];

    private readonly bool _anyOrigin;
    private readonly FrozenSet<string> _origins;
    private readonly bool _anyMethod;
    private readonly FrozenSet<string> _methods;
    private readonly bool _anyHeader;
    private readonly FrozenSet<string> _headers;
    private readonly string? _exposeHeaders;
    private readonly string? _maxAge;
    private readonly bool _credentials;

    /// <summary>Compiles <paramref name="configuration"/>.</summary>
    public CorsPolicy(CorsConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _anyOrigin = configuration.AllowOrigins.Contains(Wildcard, StringComparer.Ordinal);
        // Origins are scheme://host[:port]; a trailing slash in configuration is a common slip.
        _origins = configuration.AllowOrigins.Select(origin => origin.TrimEnd('/')).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _anyMethod = configuration.AllowMethods.Contains(Wildcard, StringComparer.Ordinal);
        _methods = configuration.AllowMethods.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _anyHeader = configuration.AllowHeaders.Contains(Wildcard, StringComparer.Ordinal);
        _headers = configuration.AllowHeaders.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _exposeHeaders = configuration.ExposeHeaders.Count == 0 ? null : string.Join(", ", configuration.ExposeHeaders);
        _maxAge = configuration.MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _credentials = configuration.AllowCredentials;
    }

    /// <summary>A CORS preflight: <c>OPTIONS</c> with <c>Origin</c> and <c>Access-Control-Request-Method</c>.</summary>
    public static bool IsPreflight(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsOptions(request.Method)
            && request.Headers.ContainsKey(HeaderNames.Origin)
            && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);
    }

    /// <summary>Whether <paramref name="origin"/> (an <c>Origin</c> header value) may read responses.</summary>
    public bool AllowsOrigin(string origin) => _anyOrigin || _origins.Contains(origin);

    /// <summary>
    /// The preflight's answer, 204 with no body. The CORS headers are there only when the origin,
    /// the method and every requested header are allowed; otherwise the browser refuses the call.
    /// </summary>
    public Task AnswerPreflightAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        AddVary(response);
        var origin = request.Headers.Origin.ToString();
        var method = request.Headers.AccessControlRequestMethod.ToString();
        var requestedHeaders = request.Headers.AccessControlRequestHeaders;
        if (!AllowsOrigin(origin) || !AllowsMethod(method) || !AllowsHeaders(requestedHeaders))
        {
            return Task.CompletedTask;
        }
        var headers = response.Headers;
        AddOrigin(headers, origin);
        // Echoing what was asked (once checked) also satisfies browsers when credentials are on,
        // where a literal "*" is not honoured for methods and headers.
        headers.AccessControlAllowMethods = method;
        if (!StringValues.IsNullOrEmpty(requestedHeaders))
        {
            headers.AccessControlAllowHeaders = string.Join(", ", RequestedHeaderNames(requestedHeaders));
        }
        if (_maxAge is not null)
        {
            headers.AccessControlMaxAge = _maxAge;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Arranges for the response to this (non-preflight) request, whatever writes it (integration
    /// or gateway error), to carry the CORS headers of the matched stage's policy instead of any
    /// the backend sent.
    /// </summary>
    public static void ApplyOnResponseStart(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The policy is found again through the request's stage so the state is the context
        // itself and the static callback allocates no closure or box per request.
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            context.Features.Get<Pipeline.ExecuteApiRequest>()?.Stage?.Cors?.ApplyTo(context.Request, context.Response);
            return Task.CompletedTask;
        }, context);
    }

    /// <summary>Replaces the response's CORS headers with the ones this policy gives the request's origin.</summary>
    public void ApplyTo(HttpRequest request, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        foreach (var name in CorsResponseHeaders)
        {
            headers.Remove(name);
        }
        AddVary(response);
        var origin = request.Headers.Origin;
        if (StringValues.IsNullOrEmpty(origin) || !AllowsOrigin(origin.ToString()))
        {
            return;
        }
        AddOrigin(headers, origin.ToString());
        if (_exposeHeaders is not null)
        {
            headers.AccessControlExposeHeaders = _exposeHeaders;
        }
    }

    private void AddOrigin(IHeaderDictionary headers, string origin)
    {
        headers.AccessControlAllowOrigin = _anyOrigin && !_credentials ? Wildcard : origin;
        if (_credentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }
    }

    // The answer depends on Origin whenever it is reflected, so shared caches must key on it.
    private void AddVary(HttpResponse response)
    {
        if (_anyOrigin && !_credentials)
        {
            return;
        }
        var vary = response.Headers.Vary;
        foreach (var value in vary)
        {
            if (value is not null && value.Contains(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }
        response.Headers.Vary = StringValues.Concat(vary, HeaderNames.Origin);
    }

    private bool AllowsMethod(string method) => _anyMethod || _methods.Contains(method);

    private bool AllowsHeaders(StringValues requested)
    {
        if (_anyHeader)
        {
            return true;
        }
        foreach (var name in RequestedHeaderNames(requested))
        {
            if (!_headers.Contains(name))
            {
                return false;
            }
        }
        return true;
    }

    private static IEnumerable<string> RequestedHeaderNames(StringValues requested)
    {
        foreach (var value in requested)
        {
            foreach (var name in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return name;
            }
        }
    }
}

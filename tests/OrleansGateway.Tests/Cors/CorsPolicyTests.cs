using Microsoft.AspNetCore.Http;
using OrleansGateway.Edge.DataPlane.Cors;

namespace OrleansGateway.Tests.Cors;

/// <summary>The CORS rules of reference §5.3 on plain HTTP contexts.</summary>
public sealed class CorsPolicyTests
{
    private const string Allowed = "http://app.localhost:8080";

    private static CorsPolicy Policy(string json)
    {
        Assert.True(CorsConfiguration.TryParse(json, out var configuration, out var error), error);
        return new CorsPolicy(configuration!);
    }

    private static CorsPolicy Explicit(bool credentials = false) => Policy($$"""
        {"allowOrigins":["{{Allowed}}/"],"allowMethods":["GET","PUT"],"allowHeaders":["x-custom","content-type"],
         "exposeHeaders":["x-request-total"],"maxAge":600,"allowCredentials":{{(credentials ? "true" : "false")}}}
        """);

    private static DefaultHttpContext Preflight(string origin, string method, string? headers = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "OPTIONS";
        context.Request.Headers.Origin = origin;
        context.Request.Headers.AccessControlRequestMethod = method;
        if (headers is not null)
        {
            context.Request.Headers.AccessControlRequestHeaders = headers;
        }
        return context;
    }

    private static DefaultHttpContext Actual(string? origin)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }
        return context;
    }

    [Fact]
    public void PreflightIsOptionsWithOriginAndRequestMethod()
    {
        Assert.True(CorsPolicy.IsPreflight(Preflight(Allowed, "PUT").Request));
        var noMethod = Preflight(Allowed, "PUT");
        noMethod.Request.Headers.Remove("Access-Control-Request-Method");
        Assert.False(CorsPolicy.IsPreflight(noMethod.Request));
        var get = Preflight(Allowed, "PUT");
        get.Request.Method = "GET";
        Assert.False(CorsPolicy.IsPreflight(get.Request));
    }

    [Fact]
    public async Task PreflightFromAllowedOriginGetsTheConfiguredAnswer()
    {
        var context = Preflight(Allowed, "PUT", "X-Custom, content-type");

        await Explicit().AnswerPreflightAsync(context);

        var headers = context.Response.Headers;
        Assert.Equal(204, context.Response.StatusCode);
        Assert.Equal(Allowed, headers.AccessControlAllowOrigin.ToString());
        Assert.Equal("PUT", headers.AccessControlAllowMethods.ToString());
        Assert.Equal("X-Custom, content-type", headers.AccessControlAllowHeaders.ToString());
        Assert.Equal("600", headers.AccessControlMaxAge.ToString());
        Assert.Equal("Origin", headers.Vary.ToString());
        Assert.False(headers.ContainsKey("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("http://evil.localhost:8080", "GET", null)]
    [InlineData("http://app.localhost:9999", "GET", null)]
    [InlineData("https://app.localhost:8080", "GET", null)]
    [InlineData(Allowed, "DELETE", null)]
    [InlineData(Allowed, "GET", "x-custom, x-other")]
    public async Task PreflightNotFullyAllowedGetsNoCorsHeaders(string origin, string method, string? requestHeaders)
    {
        var context = Preflight(origin, method, requestHeaders);

        await Explicit().AnswerPreflightAsync(context);

        Assert.Equal(204, context.Response.StatusCode);
        Assert.DoesNotContain(context.Response.Headers.Keys, key => key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WildcardOriginWithoutCredentialsAnswersStarAndNoVary()
    {
        var context = Preflight("http://anything.example", "PATCH", "x-anything");

        await Policy("""{"allowOrigins":["*"],"allowMethods":["*"],"allowHeaders":["*"]}""").AnswerPreflightAsync(context);

        Assert.Equal("*", context.Response.Headers.AccessControlAllowOrigin.ToString());
        Assert.Equal("PATCH", context.Response.Headers.AccessControlAllowMethods.ToString());
        Assert.Equal("x-anything", context.Response.Headers.AccessControlAllowHeaders.ToString());
        Assert.False(context.Response.Headers.ContainsKey("Vary"));
        Assert.False(context.Response.Headers.ContainsKey("Access-Control-Max-Age"));
    }

    [Fact]
    public void ActualResponseToAllowedOriginWithCredentialsReflectsOriginAndExposesHeaders()
    {
        var context = Actual(Allowed);

        Explicit(credentials: true).ApplyTo(context.Request, context.Response);

        var headers = context.Response.Headers;
        Assert.Equal(Allowed, headers.AccessControlAllowOrigin.ToString());
        Assert.Equal("true", headers.AccessControlAllowCredentials.ToString());
        Assert.Equal("x-request-total", headers.AccessControlExposeHeaders.ToString());
        Assert.Equal("Origin", headers.Vary.ToString());
    }

    [Fact]
    public void BackendCorsHeadersAreReplacedAndDisallowedOriginGetsNone()
    {
        var context = Actual("http://evil.localhost:8080");
        context.Response.Headers.AccessControlAllowOrigin = "*";
        context.Response.Headers.AccessControlAllowCredentials = "true";
        context.Response.Headers.Vary = "Accept-Encoding";

        Explicit().ApplyTo(context.Request, context.Response);

        Assert.DoesNotContain(context.Response.Headers.Keys, key => key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Accept-Encoding,Origin", context.Response.Headers.Vary.ToString());
    }

    [Fact]
    public void RequestWithoutOriginGetsNoCorsHeaders()
    {
        var context = Actual(origin: null);

        Explicit().ApplyTo(context.Request, context.Response);

        Assert.False(context.Response.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("""{"allowOrigins":["*"],"allowCredentials":true}""", "allow-credentials is not supported if 'allow-origin' is *")]
    [InlineData("""{"maxAge":86401}""", "maxAge must be an integer from -1 to 86400")]
    [InlineData("""{"maxAge":-2}""", "maxAge must be an integer from -1 to 86400")]
    [InlineData("""{"allowOrigins":"*"}""", "allowOrigins must be an array of at most 100 strings")]
    [InlineData("""{"allowHeaders":[""]}""", "allowHeaders must hold non-empty strings of at most 512 characters")]
    [InlineData("""{"allowCredentials":"yes"}""", "allowCredentials must be a boolean")]
    [InlineData("""[]""", "expected an object")]
    [InlineData("""{"allowOrigins":[""", "the value is not valid JSON")]
    public void InvalidConfigurationIsRefusedWithItsReason(string json, string expected)
    {
        Assert.False(CorsConfiguration.TryParse(json, out var configuration, out var error));
        Assert.Null(configuration);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void ListsLongerThanTheBoundAreRefused()
    {
        var origins = string.Join(",", Enumerable.Range(0, CorsConfiguration.MaxListEntries + 1).Select(i => $"\"http://o{i}.example\""));

        Assert.False(CorsConfiguration.TryParse($$"""{"allowOrigins":[{{origins}}]}""", out _, out _));
    }
}

using System.Net;

namespace OrleansGateway.Tests.Cors;

/// <summary>CORS as a browser meets it, through the whole edge: import, deploy, preflight, actual calls.</summary>
public sealed class CorsEdgeTests(CorsEdgeFixture fixture) : IClassFixture<CorsEdgeFixture>
{
    private const string Origin = CorsEdgeFixture.AllowedOrigin;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    private static bool HasCorsHeaders(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers).Any(header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task PreflightFromAllowedOriginIsAnsweredByTheGatewayWithoutAnOptionsRouteOrBackendCall()
    {
        var before = fixture.Backend.RequestsReceived;

        using var response = await fixture.SendAsync(HttpMethod.Options, "/prod/items",
            ("Origin", Origin), ("Access-Control-Request-Method", "PUT"), ("Access-Control-Request-Headers", "x-custom,content-type"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("PUT", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("x-custom, content-type", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal("300", Header(response, "Access-Control-Max-Age"));
        Assert.Equal("Origin", Header(response, "Vary"));
        Assert.Equal(before, fixture.Backend.RequestsReceived);
    }

    [Theory]
    [InlineData("http://evil.localhost:8081", "GET", "x-custom")]
    [InlineData(Origin, "DELETE", "x-custom")]
    [InlineData(Origin, "PUT", "x-not-allowed")]
    public async Task PreflightThatIsNotFullyAllowedGetsNoCorsHeaders(string origin, string method, string requestHeaders)
    {
        using var response = await fixture.SendAsync(HttpMethod.Options, "/prod/items",
            ("Origin", origin), ("Access-Control-Request-Method", method), ("Access-Control-Request-Headers", requestHeaders));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(HasCorsHeaders(response));
    }

    [Fact]
    public async Task ActualResponseToAllowedOriginCarriesOriginCredentialsAndExposedHeaders()
    {
        using var response = await fixture.SendAsync(HttpMethod.Get, "/prod/items", ("Origin", Origin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal("x-amzn-RequestId", Header(response, "Access-Control-Expose-Headers"));
        Assert.Contains("Origin", Header(response, "Vary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActualResponseToOtherOriginIsServedWithoutCorsHeaders()
    {
        using var response = await fixture.SendAsync(HttpMethod.Get, "/prod/items", ("Origin", "http://evil.localhost:8081"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(HasCorsHeaders(response));
    }

    [Fact]
    public async Task GatewayErrorResponseIsReadableByAllowedOrigin()
    {
        using var response = await fixture.SendAsync(HttpMethod.Get, "/prod/nowhere", ("Origin", Origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", Header(response, "x-amzn-ErrorType"));
        Assert.Equal(Origin, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task PreflightForAnIamProtectedMethodPassesWithoutCredentialsAndItsRefusalIsReadable()
    {
        var before = fixture.Backend.RequestsReceived;

        using var preflight = await fixture.SendAsync(HttpMethod.Options, "/prod/private",
            ("Origin", Origin), ("Access-Control-Request-Method", "GET"));
        using var unsigned = await fixture.SendAsync(HttpMethod.Get, "/prod/private", ("Origin", Origin));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Origin, Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal(Origin, Header(unsigned, "Access-Control-Allow-Origin"));
        Assert.Equal(before, fixture.Backend.RequestsReceived);
    }

    [Fact]
    public async Task CorsHeadersFromTheIntegrationAreReplacedByTheConfiguration()
    {
        using var allowed = await fixture.SendAsync(HttpMethod.Get, "/prod/mock", ("Origin", Origin));
        using var other = await fixture.SendAsync(HttpMethod.Get, "/prod/mock", ("Origin", "http://evil.localhost:8081"));

        Assert.Equal(Origin, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.False(HasCorsHeaders(other));
    }

    [Fact]
    public async Task ExportWithApiGatewayExtensionsKeepsTheCorsConfiguration()
    {
        using var management = fixture.Edge.Management();

        var exported = await management.SendAsync(HttpMethod.Get, $"/restapis/{fixture.ApiId}/stages/prod/exports/oas30?extensions=apigateway", null);

        var cors = exported.GetProperty("x-amazon-apigateway-cors");
        Assert.Equal(Origin, cors.GetProperty("allowOrigins")[0].GetString());
        Assert.True(cors.GetProperty("allowCredentials").GetBoolean());
        Assert.Equal(300, cors.GetProperty("maxAge").GetInt32());
    }

    [Fact]
    public async Task ImportWithCredentialsAndWildcardOriginIsRefusedWith400()
    {
        using var management = fixture.Edge.Management();

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => management.ImportAsync(
            CorsEdgeFixture.Document(fixture.Backend.Url, """{ "allowOrigins": ["*"], "allowCredentials": true }""")));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.StatusCode);
        Assert.Contains("allow-credentials is not supported if 'allow-origin' is *", refusal.Message, StringComparison.Ordinal);
    }
}

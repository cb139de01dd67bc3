using System.Globalization;
using System.Net;
using System.Text;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>HTTP (non-proxy) integrations: parameter mappings and integration responses.</summary>
public sealed class HttpIntegrationTests : IAsyncLifetime
{
    private GatewayUnderTest _gateway = null!;
    private EchoBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayUnderTest.StartAsync();
        _backend = await EchoBackend.StartAsync("primary");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task MappingsReadEverySourceKind()
    {
        var parameters = new Dictionary<string, string>
        {
            ["integration.request.header.x-from-header"] = "method.request.header.X-Caller",
            ["integration.request.header.x-from-query"] = "method.request.querystring.q",
            ["integration.request.header.x-from-path"] = "method.request.path.petId",
            ["integration.request.header.x-static"] = "'fixed value'",
            ["integration.request.header.x-stage-var"] = "stageVariables.tier",
            ["integration.request.header.x-request-id"] = "context.requestId",
            ["integration.request.header.x-extended-id"] = "context.extendedRequestId",
            ["integration.request.header.x-api-id"] = "context.apiId",
            ["integration.request.header.x-stage"] = "context.stage",
            ["integration.request.header.x-method"] = "context.httpMethod",
            ["integration.request.header.x-resource-path"] = "context.resourcePath",
            ["integration.request.header.x-resource-id"] = "context.resourceId",
            ["integration.request.header.x-path"] = "context.path",
            ["integration.request.header.x-domain"] = "context.domainName",
            ["integration.request.header.x-domain-prefix"] = "context.domainPrefix",
            ["integration.request.header.x-protocol"] = "context.protocol",
            ["integration.request.header.x-time"] = "context.requestTime",
            ["integration.request.header.x-epoch"] = "context.requestTimeEpoch",
            ["integration.request.header.x-source-ip"] = "context.identity.sourceIp",
            ["integration.request.header.x-user-agent"] = "context.identity.userAgent",
            ["integration.request.querystring.single"] = "method.request.querystring.tag",
            ["integration.request.querystring.multi"] = "method.request.multivaluequerystring.tag",
            ["integration.request.querystring.fromheader"] = "method.request.header.X-Caller",
            ["integration.request.querystring.var"] = "stageVariables.tier",
            ["integration.request.path.id"] = "method.request.path.petId",
        };
        var api = new TestApi()
            .Stage("prod", new Dictionary<string, string> { ["tier"] = "gold" })
            .Route("/pets/{petId}", "POST", TestApi.Http(_backend.Url + "/animals/{id}", parameters, [TestApi.Response("default", "200")]));
        _gateway.Store.Apply(api.Build(1));

        var response = await _gateway.SendAsync(HttpMethod.Post, "/prod/pets/p%2042?q=search&tag=a&tag=b",
            content: new StringContent("payload", Encoding.UTF8, "text/plain"),
            headers: headers =>
            {
                headers.Add("X-Caller", "caller-1");
                headers.Add("X-Not-Mapped", "secret");
                headers.UserAgent.ParseAdd("test-agent/1.0");
            });
        var echo = await ResponseAssertions.EchoAsync(response);

        Assert.Equal("/animals/p 42", echo.GetProperty("path").GetString());
        Assert.Equal("caller-1", echo.Header("x-from-header"));
        Assert.Equal("search", echo.Header("x-from-query"));
        Assert.Equal("p 42", echo.Header("x-from-path"));
        Assert.Equal("fixed value", echo.Header("x-static"));
        Assert.Equal("gold", echo.Header("x-stage-var"));
        Assert.Equal(ResponseAssertions.Single(response, "x-amzn-RequestId"), echo.Header("x-request-id"));
        Assert.Equal(ResponseAssertions.Single(response, "x-amz-apigw-id"), echo.Header("x-extended-id"));
        Assert.Equal("abc123", echo.Header("x-api-id"));
        Assert.Equal("prod", echo.Header("x-stage"));
        Assert.Equal("POST", echo.Header("x-method"));
        Assert.Equal("/pets/{petId}", echo.Header("x-resource-path"));
        Assert.Equal(OrleansGateway.Grains.Interfaces.Definitions.ResourceIds.For("abc123", "/pets/{petId}"), echo.Header("x-resource-id"));
        Assert.Equal("/prod/pets/p 42", echo.Header("x-path"));
        Assert.Equal("abc123.execute-api.localhost", echo.Header("x-domain"));
        Assert.Equal("abc123", echo.Header("x-domain-prefix"));
        Assert.Equal("HTTP/1.1", echo.Header("x-protocol"));
        Assert.True(DateTimeOffset.TryParseExact(echo.Header("x-time"), "dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time));
        Assert.InRange(DateTimeOffset.UtcNow - time, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        var epoch = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(echo.Header("x-epoch"), CultureInfo.InvariantCulture));
        Assert.InRange(DateTimeOffset.UtcNow - epoch, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Equal("127.0.0.1", echo.Header("x-source-ip"));
        Assert.Equal("test-agent/1.0", echo.Header("x-user-agent"));
        Assert.Equal("?single=b&multi=a&multi=b&fromheader=caller-1&var=gold", echo.GetProperty("query").GetString());
        Assert.Equal("payload", echo.GetProperty("body").GetString());
        Assert.StartsWith("text/plain", echo.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyMappedHeadersAndQueryReachTheBackend()
    {
        var api = new TestApi().Route("/pets", "GET", TestApi.Http(_backend.Url + "/pets",
            new Dictionary<string, string> { ["integration.request.header.x-kept"] = "method.request.header.X-Kept" },
            [TestApi.Response("default", "200")]));
        _gateway.Store.Apply(api.Build(1));

        var echo = await ResponseAssertions.EchoAsync(await _gateway.SendAsync(HttpMethod.Get, "/prod/pets?dropped=1",
            headers: headers =>
            {
                headers.Add("X-Kept", "yes");
                headers.Add("X-Dropped", "no");
                headers.Add("Authorization", "Bearer token");
            }));

        Assert.Equal("yes", echo.Header("X-Kept"));
        Assert.Equal("<absent>", echo.Header("X-Dropped"));
        Assert.Equal("<absent>", echo.Header("Authorization"));
        Assert.Equal("<absent>", echo.Header("X-Forwarded-For"));
        Assert.Equal(string.Empty, echo.GetProperty("query").GetString());
        Assert.Equal(_backend.Address.Authority, echo.Header("Host"));
    }

    [Theory]
    [InlineData(200, HttpStatusCode.OK, "ok")]
    [InlineData(201, HttpStatusCode.OK, "ok")]
    [InlineData(404, HttpStatusCode.NotFound, "missing")]
    [InlineData(503, HttpStatusCode.BadGateway, "server")]
    [InlineData(302, HttpStatusCode.OK, "ok")]
    public async Task BackendStatusSelectsTheIntegrationResponse(int backendStatus, HttpStatusCode expected, string marker)
    {
        var responses = new[]
        {
            TestApi.Response("default", "200", new Dictionary<string, string>
            {
                ["method.response.header.X-Marker"] = "'ok'",
                ["method.response.header.X-From-Backend"] = "integration.response.header.X-Backend",
            }),
            TestApi.Response("404", "404", new Dictionary<string, string> { ["method.response.header.X-Marker"] = "'missing'" }),
            TestApi.Response("5\\d{2}", "502", new Dictionary<string, string> { ["method.response.header.X-Marker"] = "'server'" }),
            // A pattern must match the whole status: "0" alone must not select this for 200/404.
            TestApi.Response("0", "500", new Dictionary<string, string> { ["method.response.header.X-Marker"] = "'partial'" }),
        };
        _gateway.Store.Apply(new TestApi().Route("/pets", "GET", TestApi.Http(_backend.Url + "/pets",
            new Dictionary<string, string> { ["integration.request.querystring.status"] = "method.request.querystring.status" },
            responses)).Build(1));

        var response = await _gateway.GetAsync($"/prod/pets?status={backendStatus}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(marker, ResponseAssertions.Single(response, "X-Marker"));
        // Backend headers reach the caller only through mappings.
        Assert.False(response.Headers.Contains("X-Backend-Extra"));
        if (marker == "ok")
        {
            Assert.Equal("primary", ResponseAssertions.Single(response, "X-From-Backend"));
            Assert.Contains("\"backend\":\"primary\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        ResponseAssertions.AssertHasRequestIds(response);
    }

    [Fact]
    public async Task NoMatchingIntegrationResponseIsAConfigurationError()
    {
        _gateway.Store.Apply(new TestApi().Route("/pets", "GET", TestApi.Http(_backend.Url + "/pets",
            new Dictionary<string, string> { ["integration.request.querystring.status"] = "'404'" },
            [TestApi.Response("2\\d{2}", "200")])).Build(1));

        var response = await _gateway.GetAsync("/prod/pets");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.InternalServerError,
            "Internal server error", "InternalServerErrorException");
    }
}

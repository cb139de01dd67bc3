using System.Net;
using System.Text;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>HTTP_PROXY integrations forwarding to a real backend.</summary>
public sealed class HttpProxyIntegrationTests : IAsyncLifetime
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
    public async Task WholeRequestIsForwardedAndResponsePassedThrough()
    {
        _gateway.Store.Apply(new TestApi().Route("/pets", "ANY", TestApi.HttpProxy(_backend.Url + "/backend/pets")).Build(1));

        var response = await _gateway.SendAsync(HttpMethod.Post, "/prod/pets?color=brown&tag=a&tag=b",
            content: new StringContent("{\"name\":\"rex\"}", Encoding.UTF8, "application/json"),
            headers: headers => headers.Add("X-Custom", "value-1"));

        var echo = await ResponseAssertions.EchoAsync(response);
        Assert.Equal("POST", echo.GetProperty("method").GetString());
        Assert.Equal("/backend/pets", echo.GetProperty("path").GetString());
        Assert.Equal("?color=brown&tag=a&tag=b", echo.GetProperty("query").GetString());
        Assert.Equal("{\"name\":\"rex\"}", echo.GetProperty("body").GetString());
        Assert.Equal("value-1", echo.Header("X-Custom"));
        Assert.StartsWith("application/json", echo.Header("Content-Type"), StringComparison.Ordinal);
        // The backend sees its own host, not the execute-api host.
        Assert.Equal(_backend.Address.Authority, echo.Header("Host"));
        Assert.Equal("primary", ResponseAssertions.Single(response, "X-Backend"));
        Assert.Equal("extra", ResponseAssertions.Single(response, "X-Backend-Extra"));
        ResponseAssertions.AssertHasRequestIds(response);
    }

    [Fact]
    public async Task BackendStatusIsPassedThrough()
    {
        _gateway.Store.Apply(new TestApi().Route("/pets", "GET", TestApi.HttpProxy(_backend.Url + "/pets")).Build(1));

        var response = await _gateway.GetAsync("/prod/pets?status=418");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("primary", ResponseAssertions.Single(response, "X-Backend"));
    }

    [Fact]
    public async Task ForwardedHeadersNameTheCallerAndScheme()
    {
        _gateway.Store.Apply(new TestApi().Route("/pets", "GET", TestApi.HttpProxy(_backend.Url + "/pets")).Build(1));

        var plain = await ResponseAssertions.EchoAsync(await _gateway.GetAsync("/prod/pets"));
        var chained = await ResponseAssertions.EchoAsync(await _gateway.SendAsync(HttpMethod.Get, "/prod/pets",
            headers: headers => headers.Add("X-Forwarded-For", "203.0.113.7")));

        Assert.Equal("127.0.0.1", plain.Header("X-Forwarded-For"));
        Assert.Equal("http", plain.Header("X-Forwarded-Proto"));
        Assert.Equal("203.0.113.7, 127.0.0.1", chained.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task UriTemplateTakesPathParametersGreedyPathAndStageVariables()
    {
        var api = new TestApi()
            .Stage("prod", new Dictionary<string, string> { ["version"] = "v2", ["port"] = _backend.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Route("/pets/{petId}", "GET", TestApi.HttpProxy("http://127.0.0.1:${stageVariables.port}/${stageVariables.version}/animals/{petId}?src=${stageVariables.version}"))
            .Route("/files/{proxy+}", "GET", TestApi.HttpProxy(_backend.Url + "/storage/{proxy}"));
        _gateway.Store.Apply(api.Build(1));

        var pet = await ResponseAssertions.EchoAsync(await _gateway.GetAsync("/prod/pets/a%20b?x=1"));
        var file = await ResponseAssertions.EchoAsync(await _gateway.GetAsync("/prod/files/docs/2024/report%201.txt"));

        Assert.Equal("/v2/animals/a b", pet.GetProperty("path").GetString());
        Assert.Equal("/v2/animals/a%20b?src=v2&x=1", pet.GetProperty("rawTarget").GetString());
        Assert.Equal("/storage/docs/2024/report%201.txt", file.GetProperty("rawTarget").GetString());
    }

    [Fact]
    public async Task IntegrationPathMappingOverridesTheMethodPathParameter()
    {
        var api = new TestApi().Route("/pets/{petId}", "GET", TestApi.HttpProxy(_backend.Url + "/animals/{id}",
            requestParameters: new Dictionary<string, string> { ["integration.request.path.id"] = "method.request.path.petId" }));
        _gateway.Store.Apply(api.Build(1));

        var echo = await ResponseAssertions.EchoAsync(await _gateway.GetAsync("/prod/pets/7"));

        Assert.Equal("/animals/7", echo.GetProperty("path").GetString());
    }

    [Fact]
    public async Task IntegrationHttpMethodOverridesTheCallersUnlessAny()
    {
        var api = new TestApi()
            .Route("/fixed", "GET", TestApi.HttpProxy(_backend.Url + "/fixed", httpMethod: "POST"))
            .Route("/any", "ANY", TestApi.HttpProxy(_backend.Url + "/any"));
        _gateway.Store.Apply(api.Build(1));

        var fixedMethod = await ResponseAssertions.EchoAsync(await _gateway.GetAsync("/prod/fixed"));
        var anyMethod = await ResponseAssertions.EchoAsync(await _gateway.SendAsync(HttpMethod.Delete, "/prod/any"));

        Assert.Equal("POST", fixedMethod.GetProperty("method").GetString());
        Assert.Equal("DELETE", anyMethod.GetProperty("method").GetString());
    }

    [Fact]
    public async Task NewerStageVariablesChangeTheDestinationAndOlderVersionsAreIgnored()
    {
        await using var other = await EchoBackend.StartAsync("secondary");
        TestApi Api(EchoBackend backend) => new TestApi()
            .Stage("prod", new Dictionary<string, string> { ["backend"] = backend.Address.Authority })
            .Route("/pets", "GET", TestApi.HttpProxy("http://${stageVariables.backend}/pets"));

        Assert.True(_gateway.Store.Apply(Api(_backend).Build(5)));
        var before = await _gateway.GetAsync("/prod/pets");
        Assert.True(_gateway.Store.Apply(Api(other).Build(6)));
        var after = await _gateway.GetAsync("/prod/pets");
        Assert.False(_gateway.Store.Apply(Api(_backend).Build(6)));
        Assert.False(_gateway.Store.Apply(Api(_backend).Build(4)));
        var afterStale = await _gateway.GetAsync("/prod/pets");

        Assert.Equal("primary", ResponseAssertions.Single(before, "X-Backend"));
        Assert.Equal("secondary", ResponseAssertions.Single(after, "X-Backend"));
        Assert.Equal("secondary", ResponseAssertions.Single(afterStale, "X-Backend"));
        Assert.Equal(6, _gateway.Store.VersionOf("abc123"));
    }

    [Fact]
    public async Task StreamedResponseArrivesWhole()
    {
        _gateway.Store.Apply(new TestApi().Route("/stream", "GET", TestApi.HttpProxy(_backend.Url + "/stream")).Build(1));

        var response = await _gateway.GetAsync("/prod/stream?stream=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chunk0;chunk1;chunk2;chunk3;chunk4;", await response.Content.ReadAsStringAsync());
    }
}

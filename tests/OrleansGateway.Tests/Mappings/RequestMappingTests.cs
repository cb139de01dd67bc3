using System.Net.Http.Headers;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Tests.DataPlane;

namespace OrleansGateway.Tests.Mappings;

/// <summary>
/// What a real backend receives when an integration maps request parameters: REST's
/// <c>integration.request.*</c> from every source kind, and HTTP API style operations
/// (<c>append:</c>, <c>overwrite:</c>, <c>remove:</c>, <c>overwrite:path</c>), for HTTP_PROXY and HTTP.
/// </summary>
public sealed class RequestMappingTests : IAsyncLifetime
{
    private GatewayUnderTest _gateway = null!;
    private EchoBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayUnderTest.StartAsync();
        _backend = await EchoBackend.StartAsync("backend");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    public static TheoryData<string> IntegrationTypes => ["HTTP_PROXY", "HTTP"];

    [Theory]
    [MemberData(nameof(IntegrationTypes))]
    public async Task Rest_mappings_read_method_request_context_stage_variables_and_static_values(string type)
    {
        Serve(type, "/items/{id}", new Dictionary<string, string>
        {
            ["integration.request.header.X-Item"] = "method.request.path.id",
            ["integration.request.header.X-Query"] = "method.request.querystring.q",
            ["integration.request.header.X-Caller"] = "method.request.header.X-Caller",
            ["integration.request.header.X-Stage"] = "context.stage",
            ["integration.request.header.X-Method"] = "context.httpMethod",
            ["integration.request.header.X-Resource"] = "context.resourcePath",
            ["integration.request.header.X-Request-Id"] = "context.requestId",
            ["integration.request.header.X-Env"] = "stageVariables.env",
            ["integration.request.header.X-Static"] = "'fixed value'",
            ["integration.request.querystring.mapped"] = "method.request.header.X-Caller",
        });

        var response = await _gateway.SendAsync(HttpMethod.Get, "/prod/items/42?q=first&q=last", headers: h => h.Add("X-Caller", "alice"));
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        var echo = await ResponseAssertions.EchoAsync(response);

        Assert.Equal("42", echo.Header("X-Item"));
        Assert.Equal("last", echo.Header("X-Query"));
        Assert.Equal("alice", echo.Header("X-Caller"));
        Assert.Equal("prod", echo.Header("X-Stage"));
        Assert.Equal("GET", echo.Header("X-Method"));
        Assert.Equal("/items/{id}", echo.Header("X-Resource"));
        Assert.Equal(requestId, echo.Header("X-Request-Id"));
        Assert.Equal("production", echo.Header("X-Env"));
        Assert.Equal("fixed value", echo.Header("X-Static"));
        Assert.Contains("mapped=alice", echo.GetProperty("query").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IntegrationTypes))]
    public async Task Multi_value_sources_forward_every_value(string type)
    {
        Serve(type, "/seen", new Dictionary<string, string>
        {
            ["integration.request.header.X-All"] = "method.request.multivalueheader.X-Many",
            ["integration.request.querystring.all"] = "method.request.multivaluequerystring.q",
        });

        var echo = await SendAsync("/prod/seen?q=1&q=2", h =>
        {
            h.Add("X-Many", "a");
            h.Add("X-Many", "b");
        });

        Assert.Equal("a, b", echo.Header("X-All"));
        Assert.Contains("all=1&all=2", echo.GetProperty("query").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IntegrationTypes))]
    public async Task A_missing_source_omits_the_parameter(string type)
    {
        Serve(type, "/seen", new Dictionary<string, string>
        {
            ["integration.request.header.X-Absent"] = "method.request.header.X-Not-Sent",
            ["integration.request.querystring.absent"] = "method.request.querystring.notsent",
            ["append:header.X-Also-Absent"] = "$request.header.X-Not-Sent",
        });

        var echo = await SendAsync("/prod/seen", _ => { });

        Assert.Equal("<absent>", echo.Header("X-Absent"));
        Assert.Equal("<absent>", echo.Header("X-Also-Absent"));
        Assert.DoesNotContain("absent", echo.GetProperty("query").GetString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_header_keeps_a_callers_header_from_the_backend_of_a_proxy_integration()
    {
        Serve("HTTP_PROXY", "/seen", new Dictionary<string, string>
        {
            ["remove:header.X-Internal-Debug"] = "''",
            ["remove:header.Cookie"] = "''",
        });

        var echo = await SendAsync("/prod/seen", h =>
        {
            h.Add("X-Internal-Debug", "on");
            h.Add("Cookie", "session=secret");
            h.Add("X-Kept", "yes");
        });

        Assert.Equal("<absent>", echo.Header("X-Internal-Debug"));
        Assert.Equal("<absent>", echo.Header("Cookie"));
        Assert.Equal("yes", echo.Header("X-Kept"));
    }

    [Fact]
    public async Task Overwrite_and_append_header_use_http_api_values_and_templates()
    {
        Serve("HTTP_PROXY", "/items/{id}", new Dictionary<string, string>
        {
            ["overwrite:header.X-Tenant"] = "$request.header.X-Org",
            ["append:header.X-Trace"] = "$context.stage",
            ["overwrite:header.Authorization"] = "Bearer ${request.header.X-Token}",
            ["overwrite:header.X-Combined"] = "${request.path.id}-${stageVariables.env}-${request.querystring.q}",
            ["overwrite:header.X-Path"] = "$request.path",
            ["overwrite:header.X-Static"] = "plain text",
        });

        var echo = await SendAsync("/prod/items/7?q=x&q=y", h =>
        {
            h.Add("X-Tenant", "forged");
            h.Add("X-Org", "acme");
            h.Add("X-Trace", "caller");
            h.Add("X-Token", "t0ken");
        });

        Assert.Equal("acme", echo.Header("X-Tenant"));
        Assert.Equal("caller, prod", echo.Header("X-Trace"));
        Assert.Equal("Bearer t0ken", echo.Header("Authorization"));
        Assert.Equal("7-production-x,y", echo.Header("X-Combined"));
        Assert.Equal("/items/7", echo.Header("X-Path"));
        Assert.Equal("plain text", echo.Header("X-Static"));
    }

    [Fact]
    public async Task Query_string_operations_remove_overwrite_and_append_on_the_backend_request()
    {
        Serve("HTTP_PROXY", "/seen", new Dictionary<string, string>
        {
            ["remove:querystring.token"] = "''",
            ["overwrite:querystring.page"] = "1",
            ["append:querystring.tag"] = "$request.header.X-Tag",
        });

        var echo = await SendAsync("/prod/seen?token=secret&page=9&tag=a&keep=k", h => h.Add("X-Tag", "b"));
        var query = echo.GetProperty("query").GetString()!;

        Assert.DoesNotContain("token", query, StringComparison.Ordinal);
        Assert.Contains("page=1", query, StringComparison.Ordinal);
        Assert.DoesNotContain("page=9", query, StringComparison.Ordinal);
        Assert.Contains("tag=a&tag=b", query, StringComparison.Ordinal);
        Assert.Contains("keep=k", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overwrite_path_replaces_the_backend_path()
    {
        Serve("HTTP_PROXY", "/items/{id}", new Dictionary<string, string>
        {
            ["overwrite:path"] = "/v2/things/${request.path.id}",
        });

        var echo = await SendAsync("/prod/items/a%20b?x=1", _ => { });

        Assert.Equal("/v2/things/a b", echo.GetProperty("path").GetString());
        Assert.Equal("?x=1", echo.GetProperty("query").GetString());
    }

    [Fact]
    public async Task An_overwritten_credential_header_is_forwarded_and_an_unmapped_one_is_not()
    {
        Serve("HTTP_PROXY", "/seen", new Dictionary<string, string>
        {
            ["overwrite:header.x-api-key"] = "gateway-key",
        });

        var echo = await SendAsync("/prod/seen", h =>
        {
            h.Add("x-api-key", "caller-key");
            h.TryAddWithoutValidation("Authorization", "Bearer caller");
        });

        Assert.Equal("gateway-key", echo.Header("x-api-key"));
        Assert.Equal("<absent>", echo.Header("Authorization"));
    }

    private void Serve(string type, string path, Dictionary<string, string> requestParameters)
    {
        var uri = _backend.Url + "/echo" + (path.Contains("{id}", StringComparison.Ordinal) ? "/{id}" : string.Empty);
        IntegrationDefinition integration = type == "HTTP"
            ? TestApi.Http(uri, requestParameters, [TestApi.Response("default", "200")])
            : TestApi.HttpProxy(uri, requestParameters: requestParameters);
        _gateway.Store.Apply(new TestApi().Stage("prod", new Dictionary<string, string> { ["env"] = "production" })
            .Route(path, "GET", integration).Build(1));
    }

    private async Task<JsonElement> SendAsync(string pathAndQuery, Action<HttpRequestHeaders> headers) =>
        await ResponseAssertions.EchoAsync(await _gateway.SendAsync(HttpMethod.Get, pathAndQuery, headers: headers));
}

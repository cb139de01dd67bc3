using System.Net;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Tests.DataPlane;

namespace OrleansGateway.Tests.Mappings;

/// <summary>
/// What a caller gets when an integration maps response parameters: REST integration responses
/// (HTTP) from backend headers, body JSONPath, context, stage variables and static values; HTTP API
/// style per-status <c>responseParameters</c> (HTTP_PROXY) that overwrite, append and remove headers
/// and overwrite the status code.
/// </summary>
public sealed class ResponseMappingTests : IAsyncLifetime
{
    private GatewayUnderTest _gateway = null!;
    private EchoBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayUnderTest.StartAsync();
        _backend = await EchoBackend.StartAsync("backend-one");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Integration_response_headers_map_from_backend_headers_body_context_stage_variables_and_static_values()
    {
        var integration = TestApi.Http(_backend.Url + "/echo", [],
        [
            TestApi.Response("default", "200", new Dictionary<string, string>
            {
                ["method.response.header.X-From-Backend"] = "integration.response.header.X-Backend",
                ["method.response.header.X-Backend-Name"] = "integration.response.body.backend",
                ["method.response.header.X-Backend-Method"] = "integration.response.body.$.method",
                ["method.response.header.X-Host"] = "integration.response.body.headers.host",
                ["method.response.header.X-Missing"] = "integration.response.body.no.such.field",
                ["method.response.header.X-Stage"] = "context.stage",
                ["method.response.header.X-Env"] = "stageVariables.env",
                ["method.response.header.X-Static"] = "'fixed'",
            }),
        ]);
        Serve(integration);

        var response = await _gateway.GetAsync("/prod/seen");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("backend-one", ResponseAssertions.Single(response, "X-From-Backend"));
        Assert.Equal("backend-one", ResponseAssertions.Single(response, "X-Backend-Name"));
        Assert.Equal("GET", ResponseAssertions.Single(response, "X-Backend-Method"));
        Assert.StartsWith("127.0.0.1:", ResponseAssertions.Single(response, "X-Host"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Missing"));
        Assert.Equal("prod", ResponseAssertions.Single(response, "X-Stage"));
        Assert.Equal("production", ResponseAssertions.Single(response, "X-Env"));
        Assert.Equal("fixed", ResponseAssertions.Single(response, "X-Static"));
        // The body the mappings read still reaches the caller whole.
        Assert.Contains("\"backend\":\"backend-one\"", body, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Backend-Extra"));
    }

    [Fact]
    public async Task A_mapped_content_length_is_ignored_and_the_body_arrives_whole()
    {
        Serve(TestApi.Http(_backend.Url + "/echo", [],
        [
            TestApi.Response("default", "200", new Dictionary<string, string> { ["method.response.header.Content-Length"] = "'1'" }),
        ]));

        using var response = await _gateway.GetAsync("/prod/seen");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"backend\":\"backend-one\"", body, StringComparison.Ordinal);
        Assert.True(body.Length > 1);
    }

    [Fact]
    public async Task Proxy_response_parameters_remove_overwrite_and_append_headers_for_the_backend_status()
    {
        Serve(ProxyWith(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["200"] = new Dictionary<string, string>
            {
                ["remove:header.X-Backend-Extra"] = "''",
                ["overwrite:header.X-Backend"] = "gateway",
                ["append:header.X-Request"] = "$context.requestId",
                ["overwrite:header.X-Name"] = "name=${response.body.backend}",
                ["overwrite:header.X-Was"] = "$response.header.X-Backend",
            },
            ["404"] = new Dictionary<string, string> { ["overwrite:header.X-Not-Found"] = "yes" },
        }));

        var response = await _gateway.GetAsync("/prod/seen");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Backend-Extra"));
        Assert.Equal("gateway", ResponseAssertions.Single(response, "X-Backend"));
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), ResponseAssertions.Single(response, "X-Request"));
        Assert.Equal("name=backend-one", ResponseAssertions.Single(response, "X-Name"));
        Assert.Equal("backend-one", ResponseAssertions.Single(response, "X-Was"));
        Assert.False(response.Headers.Contains("X-Not-Found"));
        Assert.Contains("\"backend\":\"backend-one\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_response_parameters_apply_only_to_their_status_code()
    {
        Serve(ProxyWith(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["404"] = new Dictionary<string, string> { ["remove:header.X-Backend"] = "''" },
        }));

        using var notFound = await _gateway.GetAsync("/prod/seen?status=404");
        using var ok = await _gateway.GetAsync("/prod/seen");

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.False(notFound.Headers.Contains("X-Backend"));
        Assert.Equal("backend-one", ResponseAssertions.Single(ok, "X-Backend"));
    }

    [Fact]
    public async Task Overwrite_statuscode_changes_the_callers_status_and_a_204_carries_no_body()
    {
        Serve(ProxyWith(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["200"] = new Dictionary<string, string> { ["overwrite:statuscode"] = "204" },
            ["500"] = new Dictionary<string, string> { ["overwrite:statuscode"] = "503" },
        }));

        using var noContent = await _gateway.GetAsync("/prod/seen");
        using var unavailable = await _gateway.GetAsync("/prod/seen?status=500");

        Assert.Equal(HttpStatusCode.NoContent, noContent.StatusCode);
        Assert.Empty(await noContent.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Contains("backend-one", await unavailable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_body_passes_through_whole_when_a_mapping_reads_it()
    {
        Serve(ProxyWith(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["200"] = new Dictionary<string, string> { ["overwrite:header.X-Body"] = "$response.body" },
        }));

        using var response = await _gateway.GetAsync("/prod/seen?stream=3");

        Assert.Equal("chunk0;chunk1;chunk2;", await response.Content.ReadAsStringAsync());
        Assert.Equal("chunk0;chunk1;chunk2;", ResponseAssertions.Single(response, "X-Body"));
    }

    private IntegrationDefinition ProxyWith(Dictionary<string, IReadOnlyDictionary<string, string>> responseParameters) =>
        TestApi.HttpProxy(_backend.Url + "/echo") with { ResponseParameters = responseParameters };

    private void Serve(IntegrationDefinition integration) =>
        _gateway.Store.Apply(new TestApi().Stage("prod", new Dictionary<string, string> { ["env"] = "production" })
            .Route("/seen", "GET", integration).Build(1));
}

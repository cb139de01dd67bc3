using System.Net;
using System.Text;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Mappings;

/// <summary>
/// Mappings through the whole product: imported over the signed management API of a real dev-mode
/// edge, deployed, and applied between a caller and a real backend.
/// </summary>
public sealed class MappingEndToEndTests : IAsyncLifetime
{
    private readonly InProcessDevEdge _edge = new();
    private EchoBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = await EchoBackend.StartAsync("mapped-backend");
        await _edge.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Imported_mappings_remove_and_set_headers_on_the_way_in_and_out()
    {
        using var management = _edge.Management();
        var apiId = await management.ImportAsync(Document("""
            "requestParameters": {
              "remove:header.X-Debug": "''",
              "overwrite:header.X-Stage": "$context.stage",
              "integration.request.header.X-Env": "stageVariables.env"
            },
            "responseParameters": {"200": {"remove:header.X-Backend-Extra": "''", "overwrite:header.X-Served-By": "${response.body.backend}"}}
            """));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string> { ["env"] = "production" });

        var response = await EventuallyOkAsync(apiId);
        var echo = await ResponseAssertions.EchoAsync(response);

        Assert.Equal("<absent>", echo.Header("X-Debug"));
        Assert.Equal("prod", echo.Header("X-Stage"));
        Assert.Equal("production", echo.Header("X-Env"));
        Assert.False(response.Headers.Contains("X-Backend-Extra"));
        Assert.Equal("mapped-backend", ResponseAssertions.Single(response, "X-Served-By"));
    }

    [Fact]
    public async Task Import_refuses_a_mapping_of_a_framing_header_with_400_naming_the_key()
    {
        using var management = _edge.Management();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => management.ImportAsync(Document("""
            "requestParameters": {"overwrite:header.Transfer-Encoding": "chunked"}
            """)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("overwrite:header.Transfer-Encoding", error.Message, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> EventuallyOkAsync(string apiId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var response = await _edge.GetAsync(apiId, "/prod/items", headers => headers.Add("X-Debug", "on"));
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(50);
        }
    }

    private string Document(string integrationExtras) => new StringBuilder()
        .Append("""{"openapi": "3.0.1", "info": {"title": "mapped", "version": "1"}, "paths": {"/items": {"get": {"x-amazon-apigateway-integration": {""")
        .Append("\"type\": \"http_proxy\", \"httpMethod\": \"GET\", \"uri\": \"").Append(_backend.Url).Append("/items\", ")
        .Append(integrationExtras)
        .Append("}}}}}")
        .ToString();
}

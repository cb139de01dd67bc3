using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Observability;

/// <summary>A whole dev edge with <c>Gateway:Observability:Enabled=false</c>: it serves, has no scrape endpoint and keeps the caller's trace.</summary>
public sealed class ObservabilityOffTests : IAsyncLifetime
{
    private readonly InProcessDevEdge _edge = new();
    private EchoBackend _backend = null!;
    private string _apiId = string.Empty;

    public async Task InitializeAsync()
    {
        _backend = await EchoBackend.StartAsync();
        _edge.Settings.Add("--Gateway:Observability:Enabled=false");
        await _edge.InitializeAsync();
        using var management = _edge.Management();
        _apiId = await management.ImportAsync("""
            {"openapi": "3.0.1", "info": {"title": "off", "version": "1"},
             "paths": {"/items": {"get": {"x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "@BACKEND@/items"}}}}}
            """.Replace("@BACKEND@", _backend.Url, StringComparison.Ordinal));
        await management.DeployAsync(_apiId, "prod", new Dictionary<string, string>());
        await _edge.WaitUntilServedAsync(_apiId, "/prod/items");
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task TheEdgeServesWithoutAScrapeEndpointAndKeepsTheCallersTraceId()
    {
        const string traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        using var response = await _edge.GetAsync(_apiId, "/prod/items", headers => headers.Add("traceparent", traceparent));
        using var scrape = await _edge.Data.GetAsync(new Uri($"http://127.0.0.1:{_edge.ManagementPort}/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var echoed = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // Unchanged, or re-parented when another edge in this test process makes ASP.NET Core start
        // request activities (listeners are process-wide): the trace id is the caller's either way.
        Assert.StartsWith("00-0af7651916cd43dd8448eb211c80319c-", echoed.RootElement.GetProperty("headers").GetProperty("traceparent").GetString(), StringComparison.Ordinal);
        // Without the endpoint the path is an ordinary management call, which needs a signature.
        Assert.Equal(HttpStatusCode.Forbidden, scrape.StatusCode);
    }
}

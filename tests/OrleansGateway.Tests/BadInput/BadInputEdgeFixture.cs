using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.BadInput;

/// <summary>
/// A dev-mode edge with one API whose greedy <c>/{proxy+}</c> (any method) and API-key-protected
/// <c>POST /keyed</c> are HTTP_PROXY integrations to a
/// real <see cref="EchoBackend"/> that counts its calls, deployed to <c>prod</c>; plus the same
/// API's stage <c>lenient</c>, tagged <c>gateway:jsonBodyCheck=off</c>, where malformed JSON is forwarded.
/// </summary>
public sealed class BadInputEdgeFixture : IAsyncLifetime
{
    public const int MaxJsonDepth = 32;

    public InProcessDevEdge Edge { get; } = new();

    internal EchoBackend Backend { get; private set; } = null!;

    public string ApiId { get; private set; } = string.Empty;

    /// <summary>The Host header that routes to the API.</summary>
    public string Host => $"{ApiId}.execute-api.localhost";

    public int Port => Edge.DataPort;

    public int BackendCalls => Backend.RequestsReceived;

    public async Task InitializeAsync()
    {
        Backend = await EchoBackend.StartAsync();
        Edge.Settings.Add($"--Gateway:DataPlane:MaxJsonDepth={MaxJsonDepth}");
        await Edge.InitializeAsync();
        using var management = Edge.Management();
        ApiId = await management.ImportAsync(Document(Backend.Url));
        await management.DeployAsync(ApiId, "prod", new Dictionary<string, string>());
        var deployment = await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{ApiId}/deployments", new { });
        await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{ApiId}/stages", new
        {
            stageName = "lenient",
            deploymentId = deployment.GetProperty("id").GetString(),
            tags = new Dictionary<string, string> { ["gateway:jsonBodyCheck"] = "off" },
        });
        await WaitForStageAsync("prod");
        await WaitForStageAsync("lenient");
    }

    private Task WaitForStageAsync(string stage) => Edge.WaitUntilServedAsync(ApiId, $"/{stage}/ready");

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Backend.DisposeAsync();
    }

    private static string Document(string backend) => """
        {
          "openapi": "3.0.1",
          "info": {"title": "bad-input", "version": "1"},
          "components": {"securitySchemes": {"api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}}},
          "paths": {
            "/keyed": {
              "post": {
                "security": [{"api_key": []}],
                "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "@BACKEND@/keyed"}
              }
            },
            "/{proxy+}": {
              "x-amazon-apigateway-any-method": {
                "parameters": [{"name": "proxy", "in": "path", "required": true, "schema": {"type": "string"}}],
                "x-amazon-apigateway-integration": {
                  "type": "http_proxy", "httpMethod": "ANY", "uri": "@BACKEND@/{proxy}",
                  "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy"}
                }
              }
            }
          }
        }
        """.Replace("@BACKEND@", backend, StringComparison.Ordinal);
}

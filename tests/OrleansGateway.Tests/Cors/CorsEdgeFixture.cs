using System.Net;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Cors;

/// <summary>A dev-mode edge serving an API imported with <c>x-amazon-apigateway-cors</c>, a real echo backend behind it.</summary>
public sealed class CorsEdgeFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "http://app.localhost:8081";

    public InProcessDevEdge Edge { get; } = new();

    internal EchoBackend Backend { get; private set; } = null!;

    public string ApiId { get; private set; } = "";

    public static string Document(string backendUrl, string cors) => $$"""
        {
          "openapi": "3.0.1",
          "info": { "title": "cors", "version": "1" },
          "x-amazon-apigateway-cors": {{cors}},
          "paths": {
            "/items": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": { "type": "http_proxy", "httpMethod": "GET", "uri": "{{backendUrl}}/items" }
              }
            },
            "/private": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-auth": { "type": "AWS_IAM" },
                "x-amazon-apigateway-integration": { "type": "http_proxy", "httpMethod": "GET", "uri": "{{backendUrl}}/private" }
              }
            },
            "/mock": {
              "get": {
                "responses": { "200": { "description": "ok", "headers": { "Access-Control-Allow-Origin": { "schema": { "type": "string" } } } } },
                "x-amazon-apigateway-integration": {
                  "type": "mock", "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
                  "responses": { "default": { "statusCode": "200",
                    "responseParameters": { "method.response.header.Access-Control-Allow-Origin": "'*'" },
                    "responseTemplates": { "application/json": "{}" } } }
                }
              }
            }
          }
        }
        """;

    public async Task InitializeAsync()
    {
        Backend = await EchoBackend.StartAsync();
        await Edge.InitializeAsync();
        using var management = Edge.Management();
        ApiId = await management.ImportAsync(Document(Backend.Url, $$"""
            { "allowOrigins": ["{{AllowedOrigin}}"], "allowMethods": ["GET", "PUT"], "allowHeaders": ["x-custom", "content-type"],
              "exposeHeaders": ["x-amzn-RequestId"], "maxAge": 300, "allowCredentials": true }
            """));
        await management.DeployAsync(ApiId, "prod", new Dictionary<string, string>());
        await Edge.WaitUntilServedAsync(ApiId, "/prod/mock");
    }

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Backend.DisposeAsync();
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string stageAndPath, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, $"http://127.0.0.1:{Edge.DataPort}{stageAndPath}");
        request.Headers.Host = $"{ApiId}.execute-api.localhost";
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return Edge.Data.SendAsync(request);
    }
}

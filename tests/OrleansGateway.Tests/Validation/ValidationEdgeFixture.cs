using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Validation;

/// <summary>
/// A dev-mode edge (JSON nesting limit 16, bodies up to 256 KB) with one API whose methods carry request validators,
/// deployed to <c>prod</c> and proxied to a real <see cref="EchoBackend"/> that counts its calls.
/// </summary>
public sealed class ValidationEdgeFixture : IAsyncLifetime
{
    public const int MaxJsonDepth = 16;

    public const int MaxBodyBytes = 256 * 1024;

    public InProcessDevEdge Edge { get; } = new();

    internal EchoBackend Backend { get; private set; } = null!;

    public string ApiId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Backend = await EchoBackend.StartAsync();
        Edge.Settings.Add($"--Gateway:Validation:MaxJsonDepth={MaxJsonDepth}");
        Edge.Settings.Add($"--Gateway:DataPlane:MaxRequestBodyBytes={MaxBodyBytes}");
        // API Gateway's own semantics here: a body no validator checks is forwarded as it is.
        Edge.Settings.Add("--Gateway:DataPlane:InputLimits:CheckJsonBodies=false");
        await Edge.InitializeAsync();
        using var management = Edge.Management();
        ApiId = await management.ImportAsync(Document(Backend.Url));
        await management.DeployAsync(ApiId, "prod", new Dictionary<string, string>());
        await Edge.WaitUntilServedAsync(ApiId, "/prod/open");
    }

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Backend.DisposeAsync();
    }

    private static string Integration(string backend, string path) =>
        $$"""{"type": "http_proxy", "httpMethod": "ANY", "uri": "{{backend}}{{path}}"}""";

    private static string Document(string backend) => """
        {
          "openapi": "3.0.1",
          "info": {"title": "validated", "version": "1"},
          "x-amazon-apigateway-request-validators": {
            "all": {"validateRequestBody": true, "validateRequestParameters": true},
            "params-only": {"validateRequestBody": false, "validateRequestParameters": true},
            "body-only": {"validateRequestBody": true, "validateRequestParameters": false}
          },
          "paths": {
            "/open": {"get": {"x-amazon-apigateway-integration": @INTEGRATION/open@}},
            "/search": {
              "get": {
                "x-amazon-apigateway-request-validator": "params-only",
                "parameters": [
                  {"name": "q1", "in": "query", "required": true, "schema": {"type": "string"}},
                  {"name": "h2", "in": "header", "required": true, "schema": {"type": "string"}},
                  {"name": "page", "in": "query", "required": false, "schema": {"type": "string"}}
                ],
                "x-amazon-apigateway-integration": @INTEGRATION/search@
              }
            },
            "/pets": {
              "post": {
                "x-amazon-apigateway-request-validator": "all",
                "parameters": [{"name": "tenant", "in": "header", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                "x-amazon-apigateway-integration": @INTEGRATION/pets@
              }
            },
            "/notes": {
              "put": {
                "x-amazon-apigateway-request-validator": "params-only",
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                "x-amazon-apigateway-integration": @INTEGRATION/notes@
              }
            },
            "/deep": {
              "post": {
                "x-amazon-apigateway-request-validator": "body-only",
                "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                "x-amazon-apigateway-integration": @INTEGRATION/deep@
              }
            }
          },
          "components": {
            "schemas": {
              "Pet": {
                "$schema": "http://json-schema.org/draft-04/schema#",
                "type": "object",
                "required": ["name", "tag"],
                "properties": {
                  "name": {"type": "string", "minLength": 1},
                  "tag": {"$ref": "#/components/schemas/Tag"},
                  "age": {"type": "integer", "minimum": 0, "maximum": 50, "exclusiveMaximum": true}
                },
                "additionalProperties": false
              },
              "Tag": {"type": "string", "enum": ["cat", "dog"]}
            }
          }
        }
        """.Replace("@INTEGRATION/open@", Integration(backend, "/open"), StringComparison.Ordinal)
        .Replace("@INTEGRATION/search@", Integration(backend, "/search"), StringComparison.Ordinal)
        .Replace("@INTEGRATION/pets@", Integration(backend, "/pets"), StringComparison.Ordinal)
        .Replace("@INTEGRATION/notes@", Integration(backend, "/notes"), StringComparison.Ordinal)
        .Replace("@INTEGRATION/deep@", Integration(backend, "/deep"), StringComparison.Ordinal);
}

namespace OrleansGateway.Tests.Cluster;

/// <summary>OpenAPI documents the cluster tests import.</summary>
internal static class SampleApis
{
    /// <summary>GET /hello answers <paramref name="mockBody"/> from a MOCK integration; GET /echo/{proxy+} goes to <c>${stageVariables.backend}</c>.</summary>
    public static string MockAndProxy(string title, string mockBody) => $$"""
        {
          "openapi": "3.0.1",
          "info": { "title": "{{title}}", "version": "1" },
          "paths": {
            "/hello": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "mock",
                  "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
                  "responses": { "default": { "statusCode": "200", "responseTemplates": { "application/json": "{{mockBody}}" } } }
                }
              }
            },
            "/echo/{proxy+}": {
              "get": {
                "parameters": [ { "name": "proxy", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "http_proxy", "httpMethod": "GET",
                  "uri": "http://${stageVariables.backend}/{proxy}",
                  "requestParameters": { "integration.request.path.proxy": "method.request.path.proxy" }
                }
              }
            }
          }
        }
        """;

    /// <summary>GET /hello answers <paramref name="mockBody"/> from a MOCK integration and requires an API key (<c>x-api-key</c>); GET /open answers "open" without one.</summary>
    public static string KeyedMock(string title, string mockBody) => $$"""
        {
          "openapi": "3.0.1",
          "info": { "title": "{{title}}", "version": "1" },
          "components": { "securitySchemes": { "api_key": { "type": "apiKey", "name": "x-api-key", "in": "header" } } },
          "paths": {
            "/hello": {
              "get": {
                "security": [ { "api_key": [] } ],
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "mock",
                  "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
                  "responses": { "default": { "statusCode": "200", "responseTemplates": { "application/json": "{{mockBody}}" } } }
                }
              }
            },
            "/open": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "mock",
                  "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
                  "responses": { "default": { "statusCode": "200", "responseTemplates": { "application/json": "open" } } }
                }
              }
            }
          }
        }
        """;
}

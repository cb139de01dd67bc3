namespace OrleansGateway.Tests.LambdaAuthorizers;

/// <summary>OpenAPI documents with Lambda-style authorizers pointing at an <see cref="AuthorizerFunction"/>.</summary>
internal static class AuthorizerApis
{
    private const string Mock = """
        "x-amazon-apigateway-integration": {
          "type": "mock",
          "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
          "responses": { "default": { "statusCode": "200", "responseTemplates": { "application/json": "ok" } } }
        }
        """;

    /// <summary>
    /// TOKEN authorizer <c>tok</c> (header Authorization, regex <c>^Bearer [a-z0-9-]+$</c>) on GET /pets
    /// (HTTP_PROXY to <paramref name="backendUrl"/>, principal and context mapped to x-user / x-tier /
    /// x-n headers), POST /pets and GET /keyed (API key required; the key source is the authorizer);
    /// An optional resource policy. REQUEST authorizer <c>req</c> (header x-tenant + query user) on GET /tenant; payload 2.0
    /// simple-response authorizer <c>simple</c> (<c>$request.header.x-tenant</c>) on GET /simple.
    /// </summary>
    public static string Document(string title, string authorizerUri, int ttlSeconds, string backendUrl, string? resourcePolicy = null) => $$"""
        {
          "openapi": "3.0.1",{{(resourcePolicy is null ? "" : $"\n  \"x-amazon-apigateway-policy\": {resourcePolicy},")}}
          "info": { "title": "{{title}}", "version": "1" },
          "x-amazon-apigateway-api-key-source": "AUTHORIZER",
          "components": { "securitySchemes": {
            "tok": {
              "type": "apiKey", "name": "Authorization", "in": "header",
              "x-amazon-apigateway-authtype": "custom",
              "x-amazon-apigateway-authorizer": {
                "type": "token", "authorizerUri": "{{authorizerUri}}",
                "identityValidationExpression": "^Bearer [a-z0-9-]+$",
                "authorizerResultTtlInSeconds": {{ttlSeconds}}
              }
            },
            "req": {
              "type": "apiKey", "name": "x-tenant", "in": "header",
              "x-amazon-apigateway-authtype": "custom",
              "x-amazon-apigateway-authorizer": {
                "type": "request", "authorizerUri": "{{authorizerUri}}",
                "identitySource": "method.request.header.x-tenant, method.request.querystring.user",
                "authorizerResultTtlInSeconds": {{ttlSeconds}}
              }
            },
            "simple": {
              "type": "apiKey", "name": "x-tenant", "in": "header",
              "x-amazon-apigateway-authtype": "custom",
              "x-amazon-apigateway-authorizer": {
                "type": "request", "authorizerUri": "{{authorizerUri}}",
                "identitySource": "$request.header.x-tenant",
                "authorizerPayloadFormatVersion": "2.0", "enableSimpleResponses": true,
                "authorizerResultTtlInSeconds": {{ttlSeconds}}
              }
            },
            "api_key": { "type": "apiKey", "name": "x-api-key", "in": "header" }
          } },
          "paths": {
            "/pets": {
              "get": {
                "security": [ { "tok": [] } ],
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "http_proxy", "httpMethod": "GET", "uri": "{{backendUrl}}/pets",
                  "requestParameters": {
                    "integration.request.header.x-user": "context.authorizer.principalId",
                    "integration.request.header.x-tier": "context.authorizer.tier",
                    "integration.request.header.x-n": "context.authorizer.n"
                  }
                }
              },
              "post": { "security": [ { "tok": [] } ], "responses": { "200": { "description": "ok" } }, {{Mock}} }
            },
            "/keyed": {
              "get": { "security": [ { "tok": [] }, { "api_key": [] } ], "responses": { "200": { "description": "ok" } }, {{Mock}} }
            },
            "/simple": {
              "get": { "security": [ { "simple": [] } ], "responses": { "200": { "description": "ok" } }, {{Mock}} }
            },
            "/tenant": {
              "get": { "security": [ { "req": [] } ], "responses": { "200": { "description": "ok" } }, {{Mock}} }
            }
          }
        }
        """;
}

namespace OrleansGateway.Tests.Management.Fixtures;

/// <summary>OpenAPI documents with API Gateway extensions, as users import them.</summary>
public static class PetstoreDocuments
{
    /// <summary>OAS 3 (JSON): a MOCK method at <c>/</c>, HTTP_PROXY methods on <c>/pets</c> and <c>/pets/{petId}</c>.</summary>
    public const string OpenApi3Json = """
        {
          "openapi": "3.0.1",
          "info": { "title": "PetStore", "description": "pets for sale", "version": "2024-01-01" },
          "paths": {
            "/": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "mock",
                  "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
                  "responses": { "default": { "statusCode": "200", "responseTemplates": { "application/json": "{\"hello\":\"pets\"}" } } },
                  "passthroughBehavior": "when_no_match"
                }
              }
            },
            "/pets": {
              "get": {
                "parameters": [ { "name": "type", "in": "query", "schema": { "type": "string" } } ],
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "http_proxy", "httpMethod": "GET", "uri": "http://petstore.example.com/pets",
                  "passthroughBehavior": "when_no_match"
                }
              }
            },
            "/pets/{petId}": {
              "get": {
                "parameters": [ { "name": "petId", "in": "path", "required": true, "schema": { "type": "string" } } ],
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "http_proxy", "httpMethod": "GET", "uri": "http://petstore.example.com/pets/{petId}",
                  "requestParameters": { "integration.request.path.petId": "method.request.path.petId" },
                  "passthroughBehavior": "when_no_match"
                }
              }
            }
          }
        }
        """;

    /// <summary>Swagger 2 (YAML): <c>/orders</c> GET and POST as MOCK, with binary media types.</summary>
    public const string Swagger2Yaml = """
        swagger: "2.0"
        info:
          title: Orders
          version: "1.0"
        x-amazon-apigateway-binary-media-types:
          - image/png
        paths:
          /orders:
            get:
              responses:
                "200":
                  description: ok
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates:
                  application/json: '{"statusCode": 200}'
                responses:
                  default:
                    statusCode: "200"
            post:
              responses:
                "201":
                  description: created
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates:
                  application/json: '{"statusCode": 201}'
                responses:
                  default:
                    statusCode: "201"
        """;

    /// <summary>OAS 3 (JSON) with only <c>/toys</c>, to overwrite or merge into the pet store.</summary>
    public const string ToysJson = """
        {
          "openapi": "3.0.1",
          "info": { "title": "Toys", "version": "1" },
          "paths": {
            "/toys": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "mock",
                  "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
                  "responses": { "default": { "statusCode": "200" } }
                }
              }
            }
          }
        }
        """;
}

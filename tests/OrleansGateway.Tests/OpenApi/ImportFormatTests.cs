using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.OpenApi;
using static OrleansGateway.Tests.OpenApi.TestDocuments;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>JSON and YAML, Swagger 2 and OpenAPI 3 spellings of one API import to the same definition.</summary>
public sealed class ImportFormatTests
{
    private const string PetsJson = """
        {
          "openapi": "3.0.1",
          "info": {"title": "pets", "version": "2.1", "description": "Pet store"},
          "x-amazon-apigateway-binary-media-types": ["image/png"],
          "paths": {
            "/pets/{id}": {
              "get": {
                "operationId": "GetPet",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                               {"name": "verbose", "in": "query", "required": false, "schema": {"type": "boolean"}}],
                "responses": {"200": {"description": "ok"}},
                "x-amazon-apigateway-integration": {
                  "type": "http", "httpMethod": "GET", "uri": "https://backend.example.com/pets/{id}", "timeoutInMillis": 5000,
                  "requestParameters": {"integration.request.path.id": "method.request.path.id"},
                  "responses": {"default": {"statusCode": 200}}
                }
              }
            }
          }
        }
        """;

    private const string PetsYaml = """
        openapi: 3.0.1
        info:
          title: pets
          version: '2.1'
          description: Pet store
        x-amazon-apigateway-binary-media-types:
          - image/png
        paths:
          /pets/{id}:
            get:
              operationId: GetPet
              parameters:
                - name: id
                  in: path
                  required: true
                  schema: {type: string}
                - name: verbose
                  in: query
                  required: false
                  schema: {type: boolean}
              responses:
                '200': {description: ok}
              x-amazon-apigateway-integration:
                type: http
                httpMethod: GET
                uri: https://backend.example.com/pets/{id}
                timeoutInMillis: 5000
                requestParameters:
                  integration.request.path.id: method.request.path.id
                responses:
                  default: {statusCode: 200}
        """;

    private const string PetsSwagger = """
        {
          "swagger": "2.0",
          "info": {"title": "pets", "version": "2.1", "description": "Pet store"},
          "x-amazon-apigateway-binary-media-types": ["image/png"],
          "paths": {
            "/pets/{id}": {
              "get": {
                "operationId": "GetPet",
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"},
                               {"name": "verbose", "in": "query", "required": false, "type": "boolean"}],
                "responses": {"200": {"description": "ok"}},
                "x-amazon-apigateway-integration": {
                  "type": "http", "httpMethod": "GET", "uri": "https://backend.example.com/pets/{id}", "timeoutInMillis": 5000,
                  "requestParameters": {"integration.request.path.id": "method.request.path.id"},
                  "responses": {"default": {"statusCode": "200"}}
                }
              }
            }
          }
        }
        """;

    [Fact]
    public void YamlAndJsonSpellingsImportToTheSameDefinition()
    {
        var json = Import(Encoding.UTF8.GetBytes(PetsJson));
        var yaml = Import(Encoding.UTF8.GetBytes(PetsYaml));

        Assert.Equal(Serialize(json), Serialize(yaml));
        var get = yaml.Definition.Resources.Single(r => r.Path == "/pets/{id}").Methods["GET"];
        Assert.Equal("200", get.Integration!.Responses.Single().StatusCode); // a YAML integer status code reads as "200"
        Assert.Equal(5000, get.Integration.TimeoutInMillis);
        Assert.Equal("2.1", yaml.Settings.Version);
    }

    [Theory]
    [InlineData("curated/serverless-samples_rest-token-authorizer-apikey-validators.openapi3.yaml")]
    [InlineData("localstack-import/openapi-basepath-server-variable.yaml")]
    [InlineData("localstack-import/openapi-basepath-url.yaml")]
    [InlineData("localstack-import/openapi-method-int.spec.yaml")]
    public void YamlConformanceDocumentImportsLikeItsJsonRendering(string document)
    {
        var asJson = Encoding.UTF8.GetBytes(OpenApiDocumentText.Parse(ConformanceDocuments.Bytes(document)).ToJsonString());

        Assert.Equal(Serialize(ConformanceDocuments.Import(document)), Serialize(ConformanceDocuments.Import(asJson)));
    }

    [Fact]
    public void SwaggerTwoAndOpenApiThreeSpellingsImportToTheSameApi()
    {
        var swagger = Import(Encoding.UTF8.GetBytes(PetsSwagger));
        var openApi3 = Import(Encoding.UTF8.GetBytes(PetsJson));

        Assert.Equal(JsonSerializer.Serialize(openApi3.Settings), JsonSerializer.Serialize(swagger.Settings));
        Assert.Equal(openApi3.Definition.Resources.Select(r => r.Path), swagger.Definition.Resources.Select(r => r.Path));
        var expected = openApi3.Definition.Resources.Single(r => r.Path == "/pets/{id}").Methods["GET"];
        var actual = swagger.Definition.Resources.Single(r => r.Path == "/pets/{id}").Methods["GET"];
        Assert.Equal(JsonSerializer.Serialize(expected.Integration), JsonSerializer.Serialize(actual.Integration));
        Assert.Equal(expected.RequestParameters, actual.RequestParameters);
        Assert.Equal(expected.OperationName, actual.OperationName);
        Assert.Equal(new Dictionary<string, bool> { ["method.request.path.id"] = true, ["method.request.querystring.verbose"] = false }, actual.RequestParameters);
        // The Swagger operation is stored as OpenAPI 3: parameter types move under schema.
        var parameters = JsonNode.Parse(actual.OperationJson!)!["parameters"]!.AsArray();
        Assert.Equal("boolean", parameters[1]!["schema"]!["type"]!.GetValue<string>());
        Assert.StartsWith("3.", JsonNode.Parse(swagger.Definition.DocumentJson!)!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void SwaggerAnyMethodIsConvertedToAnOpenApi3Operation()
    {
        var document = """
            {
              "swagger": "2.0", "info": {"title": "t", "version": "1"},
              "definitions": {"Item": {"type": "object"}},
              "paths": {"/{proxy+}": {"x-amazon-apigateway-any-method": {
                "parameters": [{"name": "proxy", "in": "path", "required": true, "type": "string"},
                               {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Item"}}],
                "responses": {"200": {"description": "ok"}},
                "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "https://backend.example.com/{proxy}"}
              }}}
            }
            """;

        var result = Import(Encoding.UTF8.GetBytes(document));

        var any = result.Definition.Resources.Single(r => r.Path == "/{proxy+}").Methods["ANY"];
        Assert.Equal("HTTP_PROXY", any.Integration!.Type);
        Assert.True(any.RequestParameters["method.request.path.proxy"]);
        var operation = JsonNode.Parse(any.OperationJson!)!;
        Assert.Equal("#/components/schemas/Item", operation["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void OpenApi31DocumentImports()
    {
        var document = """
            {"openapi": "3.1.0", "info": {"title": "t31", "version": "1"},
             "paths": {"/items": {"get": {"responses": {"200": {"description": "ok"}},
               "parameters": [{"name": "q", "in": "query", "required": true, "schema": {"type": ["string", "null"]}}],
               "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\"statusCode\": 200}"}}}}}}
            """;

        var result = Import(Encoding.UTF8.GetBytes(document));

        var get = result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"];
        Assert.Equal("MOCK", get.Integration!.Type);
        Assert.True(get.RequestParameters["method.request.querystring.q"]);
        Assert.StartsWith("3.1", JsonNode.Parse(result.Definition.DocumentJson!)!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void YamlWithByteOrderMarkAndUnquotedSwaggerVersionImports()
    {
        var yaml = "\uFEFFswagger: 2.0\ninfo: {title: bom, version: 1.10}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: mock}\n";

        var result = Import(Encoding.UTF8.GetBytes(yaml));

        Assert.Equal("bom", result.Settings.Name);
        Assert.Equal("1.10", result.Settings.Version);
        Assert.Equal("MOCK", result.Definition.Resources.Single(r => r.Path == "/a").Methods["GET"].Integration!.Type);
    }

    private static string Serialize(OpenApiImportResult result) => JsonSerializer.Serialize(result);
}

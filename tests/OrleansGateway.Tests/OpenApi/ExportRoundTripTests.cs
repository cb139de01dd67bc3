using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.OpenApi;
using static OrleansGateway.Tests.OpenApi.ExportFixture;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>
/// An imported conformance document, exported with its extensions and imported again, gives the same
/// resources, methods and integrations, and loses no <c>x-amazon-apigateway-*</c> extension.
/// </summary>
public sealed class ExportRoundTripTests
{
    private static readonly string[] Documents =
    [
        "curated/awsdocs_rest-request-validation-sample.swagger2.json",
        "curated/awsdocs_rest-s3-proxy-export.swagger2.json",
        "curated/localstack_http-api-lambda-authorizer-cors.openapi3.json",
        "curated/sam_rest-resource-policy-ip-deny.swagger2.cfn.json",
        "curated/serverless-samples_rest-token-authorizer-apikey-validators.openapi3.yaml",
        "curated/serverless-samples_rest-token-authorizer-validators.swagger2.cfn.yaml",
        "curated/smithy_http-api-cors.openapi3.json",
        "curated/smithy_rest-cognito-user-pools.openapi3.json",
        "curated/smithy_rest-cors-gateway-responses.openapi3.json",
        "localstack-import/openapi-basepath-server-variable.yaml",
        "localstack-import/openapi-basepath-url.yaml",
        "localstack-import/openapi-http-method-integration.json",
        "localstack-import/openapi-method-int.spec.yaml",
        "localstack-import/openapi.cognito-auth.json",
        "localstack-import/openapi.spec.circular-ref-with-request-body.json",
        "localstack-import/openapi.spec.circular-ref.json",
        "localstack-import/openapi.spec.global-auth.json",
        "localstack-import/openapi.spec.pulumi.json",
        "localstack-import/openapi.spec.stage-variables.json",
        "localstack-import/openapi.spec.tf.json",
        "localstack-import/pets.json",
        "localstack-import/petstore-authorizer.swagger.json",
        "localstack-import/swagger-mock-cors.json",
        "localstack-import/swagger.json",
    ];

    public static TheoryData<string, string, bool> Cases()
    {
        var cases = new TheoryData<string, string, bool>();
        foreach (var document in Documents)
        {
            foreach (var exportType in new[] { "oas30", "swagger" })
            {
                cases.Add(document, exportType, false);
                cases.Add(document, exportType, true);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportedDocumentReimportsToTheSameApi(string document, string exportType, bool yaml)
    {
        var original = ConformanceDocuments.Import(Prepared(document));

        var exported = Export(Deploy(original), exportType, yaml, "apigateway");
        var reimported = ConformanceDocuments.Import(Encoding.UTF8.GetBytes(exported.Body));

        Assert.Equal(original.Definition.Resources.Select(r => r.Path), reimported.Definition.Resources.Select(r => r.Path));
        foreach (var resource in original.Definition.Resources)
        {
            var again = reimported.Definition.Resources.Single(r => r.Path == resource.Path).Methods;
            Assert.Equal(resource.Methods.Keys.Order(), again.Keys.Order());
            foreach (var (verb, method) in resource.Methods)
            {
                var other = again[verb];
                Assert.Equal(Json(method.Integration), Json(other.Integration));
                Assert.Equal(
                    (method.AuthorizationType, method.AuthorizerId, method.ApiKeyRequired, method.OperationName, method.RequestValidatorName),
                    (other.AuthorizationType, other.AuthorizerId, other.ApiKeyRequired, other.OperationName, other.RequestValidatorName));
                Assert.Equal(method.AuthorizationScopes, other.AuthorizationScopes);
                Assert.Equal(method.RequestParameters.OrderBy(p => p.Key), other.RequestParameters.OrderBy(p => p.Key));
                Assert.Equal(method.Extensions.OrderBy(p => p.Key), other.Extensions.OrderBy(p => p.Key));
                // Integration fields the model has no slot for (credentials, payloadFormatVersion...) survive.
                Assert.Empty(IntegrationFieldNames(method).Except(IntegrationFieldNames(other)));
            }
        }
        Assert.Equal(Json(original.Settings with { Version = null }), Json(reimported.Settings with { Version = null }));
        Assert.Equal(ApiGatewayExtensions(original), ApiGatewayExtensions(reimported));
    }

    [Theory]
    [InlineData("oas30", false)]
    [InlineData("oas30", true)]
    [InlineData("swagger", false)]
    [InlineData("swagger", true)]
    public void ExtensionsInEveryPlaceSurviveExportAndReimport(string exportType, bool yaml)
    {
        var document = Encoding.UTF8.GetBytes("""
            {
              "openapi": "3.0.1",
              "info": {"title": "everywhere", "version": "1", "x-amazon-apigateway-info-note": "n"},
              "servers": [{"url": "https://api.example.com/v1",
                "x-amazon-apigateway-endpoint-configuration": {"vpcEndpointIds": ["vpce-1"], "disableExecuteApiEndpoint": true},
                "x-amazon-apigateway-server-note": {"k": [1, 2]}}],
              "x-amazon-apigateway-future": {"enabled": true},
              "x-amazon-apigateway-gateway-responses": {"DEFAULT_4XX": {"statusCode": 400, "responseTemplates": {"application/json": "{}"}}},
              "x-amazon-apigateway-request-validators": {"all": {"validateRequestBody": true, "validateRequestParameters": true}},
              "x-amazon-apigateway-request-validator": "all",
              "x-amazon-apigateway-minimum-compression-size": 100,
              "x-amazon-apigateway-policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}]},
              "components": {"securitySchemes": {"token": {"type": "apiKey", "name": "Authorization", "in": "header",
                "x-amazon-apigateway-authtype": "custom",
                "x-amazon-apigateway-authorizer": {"type": "token", "authorizerUri": "arn:aws:apigateway:us-east-1:lambda:path/fn", "authorizerResultTtlInSeconds": 60}}}},
              "paths": {
                "/items/{id}": {
                  "x-amazon-apigateway-path-note": "p",
                  "get": {
                    "security": [{"token": []}],
                    "x-amazon-apigateway-auth": {"type": "NONE"},
                    "x-amazon-apigateway-operation-note": [true],
                    "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "GET", "uri": "https://backend.example.com/items/{id}",
                      "tlsConfig": {"insecureSkipVerification": true}, "cacheKeyParameters": ["method.request.path.id"], "cacheNamespace": "items"}
                  }
                }
              }
            }
            """);
        var original = ConformanceDocuments.Import(document);

        var reimported = ConformanceDocuments.Import(Encoding.UTF8.GetBytes(Export(Deploy(original), exportType, yaml, "apigateway").Body));

        Assert.Equal(ApiGatewayExtensions(original), ApiGatewayExtensions(reimported));
        var method = original.Definition.Resources.Single(r => r.Path == "/items/{id}").Methods["GET"];
        var again = reimported.Definition.Resources.Single(r => r.Path == "/items/{id}").Methods["GET"];
        Assert.Equal(method.Extensions.OrderBy(p => p.Key), again.Extensions.OrderBy(p => p.Key));
        Assert.Equal(3, again.Extensions.Count);
        Assert.Equal(Json(method.Integration), Json(again.Integration));
        Assert.Equal("{\"insecureSkipVerification\":true}", JsonNode.Parse(again.OperationJson!)!["x-amazon-apigateway-integration"]!["tlsConfig"]!.ToJsonString());
        Assert.Equal(Json(original.Settings with { Version = null }), Json(reimported.Settings with { Version = null }));
    }

    private static byte[] Prepared(string document) => document.Contains(".cfn.", StringComparison.Ordinal)
        ? ConformanceDocuments.ResolvedCloudFormation(document)
        : ConformanceDocuments.WithLocalStackSubstitutions(document);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static string[] IntegrationFieldNames(global::OrleansGateway.Grains.Interfaces.Definitions.MethodDefinition method) =>
        JsonNode.Parse(method.OperationJson ?? "{}")?["x-amazon-apigateway-integration"] is JsonObject integration && integration["$ref"] is null
            ? integration.Select(p => p.Key).ToArray()
            : [];

    /// <summary>
    /// Every API Gateway extension outside operations (root, components, servers) with its value,
    /// wherever the version of the document keeps it. Operation extensions are compared per method.
    /// </summary>
    private static string[] ApiGatewayExtensions(OpenApiImportResult result)
    {
        var found = result.Definition.Extensions.Select(p => $"{p.Key}={JsonNode.Parse(p.Value)!.ToJsonString()}").ToList();
        Collect(JsonNode.Parse(result.Definition.DocumentJson!), found);
        return found.Order(StringComparer.Ordinal).ToArray();

        static void Collect(JsonNode? node, List<string> into)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key.StartsWith("x-amazon-apigateway-", StringComparison.Ordinal))
                        {
                            into.Add($"{key}={value?.ToJsonString()}");
                        }
                        Collect(value, into);
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item, into);
                    }
                    break;
            }
        }
    }
}

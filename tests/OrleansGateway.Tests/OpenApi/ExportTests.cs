using System.Text;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using static OrleansGateway.Tests.OpenApi.ExportFixture;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>GetExport: the document's shape, format, servers and extension filtering.</summary>
public sealed class ExportTests
{
    [Fact]
    public void OpenApi3JsonExportPointsAtTheStageAndCarriesTheDeploymentDate()
    {
        var exported = Export(Deploy(ConformanceDocuments.Import("localstack-import/pets.json")), "oas30", yaml: false, "integrations");

        Assert.Equal("application/json", exported.ContentType);
        Assert.Equal("Simple_PetStore__Swagger_-prod-oas30.json", exported.FileName);
        var document = JsonNode.Parse(exported.Body)!;
        Assert.StartsWith("3.0", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Simple PetStore (Swagger)", document["info"]!["title"]!.GetValue<string>());
        Assert.Equal("2024-05-01T10:20:30Z", document["info"]!["version"]!.GetValue<string>());
        var server = document["servers"]!.AsArray().Single()!;
        Assert.Equal($"https://{Host}/{{basePath}}", server["url"]!.GetValue<string>());
        Assert.Equal("/prod", server["variables"]!["basePath"]!["default"]!.GetValue<string>());
        Assert.Equal(["/pets", "/pets/{petId}"], document["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal("http", document["paths"]!["/pets"]!["get"]!["x-amazon-apigateway-integration"]!["type"]!.GetValue<string>());
        Assert.Equal(["image/png", "image/jpg"], document["x-amazon-apigateway-binary-media-types"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public void YamlExportIsYamlWithTheYamlContentType()
    {
        var exported = Export(Deploy(ConformanceDocuments.Import("localstack-import/pets.json")), "oas30", yaml: true, "integrations");

        Assert.Equal("application/yaml", exported.ContentType);
        Assert.EndsWith("-prod-oas30.yaml", exported.FileName, StringComparison.Ordinal);
        Assert.False(exported.Body.TrimStart().StartsWith('{'));
        Assert.Equal("Simple PetStore (Swagger)", Tree(exported)["info"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void SwaggerExportHasHostBasePathAndDefinitions()
    {
        var exported = Export(Deploy(ConformanceDocuments.Import("localstack-import/openapi.spec.circular-ref.json")), "swagger", yaml: false, "integrations");

        Assert.Equal("Circular_model_reference-prod-swagger.json", exported.FileName);
        var document = JsonNode.Parse(exported.Body)!;
        Assert.Equal("2.0", document["swagger"]!.GetValue<string>());
        Assert.Equal(Host, document["host"]!.GetValue<string>());
        Assert.Equal("/prod", document["basePath"]!.GetValue<string>());
        Assert.Equal(["https"], document["schemes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.NotNull(document["definitions"]!["Person"]);
        Assert.Equal("#/definitions/Person", document["definitions"]!["House"]!["properties"]!["contains"]!["items"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void SwaggerExportKeepsThePortOfTheHost()
    {
        var deployment = Deploy(ConformanceDocuments.Import("localstack-import/pets.json"));

        var exported = new OpenApiExporter().Export(deployment, Stage("dev"), "swagger", false, new HashSet<string>(), "127.0.0.1:5080");

        var document = JsonNode.Parse(exported.Body)!;
        Assert.Equal("127.0.0.1:5080", document["host"]!.GetValue<string>());
        Assert.Equal("/dev", document["basePath"]!.GetValue<string>());
    }

    [Fact]
    public void WithoutExtensionsTheExportHasNoApiGatewayExtensions()
    {
        var exported = Export(Deploy(ConformanceDocuments.Import("curated/serverless-samples_rest-token-authorizer-apikey-validators.openapi3.yaml")));

        Assert.DoesNotContain("x-amazon-apigateway-", exported.Body, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(exported.Body)!["paths"]!["/locations"]!["get"]);
    }

    [Fact]
    public void AuthorizersExtensionKeepsAuthorizersButNotIntegrations()
    {
        var exported = Export(Deploy(ConformanceDocuments.Import("curated/serverless-samples_rest-token-authorizer-apikey-validators.openapi3.yaml")), "oas30", false, "authorizers");

        var document = JsonNode.Parse(exported.Body)!;
        Assert.NotNull(document["components"]!["securitySchemes"]!["LambdaAuthorizer"]!["x-amazon-apigateway-authorizer"]);
        Assert.DoesNotContain("x-amazon-apigateway-integration", exported.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("x-amazon-apigateway-gateway-responses", exported.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apigateway")]
    [InlineData("integrations")]
    [InlineData("INTEGRATIONS")]
    public void ApiGatewayOrIntegrationsExtensionsKeepEveryExtension(string extension)
    {
        var exported = Export(Deploy(ConformanceDocuments.Import("curated/serverless-samples_rest-token-authorizer-apikey-validators.openapi3.yaml")), "oas30", false, extension);

        var document = JsonNode.Parse(exported.Body)!;
        Assert.NotNull(document["x-amazon-apigateway-gateway-responses"]);
        Assert.NotNull(document["x-amazon-apigateway-request-validators"]);
        Assert.Equal("aws_proxy", document["paths"]!["/locations"]!["get"]!["x-amazon-apigateway-integration"]!["type"]!.GetValue<string>());
        Assert.Equal("Validate query string parameters and headers", document["paths"]!["/locations"]!["get"]!["x-amazon-apigateway-request-validator"]!.GetValue<string>());
    }

    [Fact]
    public void AnyMethodIsExportedAsTheAnyMethodExtension()
    {
        var deployment = Deploy(ConformanceDocuments.Import(ConformanceDocuments.WithLocalStackSubstitutions("localstack-import/openapi.spec.global-auth.json")));

        var openApi3 = JsonNode.Parse(Export(deployment, "oas30", false).Body)!;
        var swagger = JsonNode.Parse(Export(deployment, "swagger", false).Body)!;

        Assert.NotNull(openApi3["paths"]!["/echo/{data}"]!["x-amazon-apigateway-any-method"]!["responses"]);
        // The ANY operation is converted to Swagger 2 too: its schema reference points at definitions.
        Assert.Equal("#/definitions/Empty", swagger["paths"]!["/echo/{data}"]!["x-amazon-apigateway-any-method"]!["responses"]!["200"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void CurrentApiSettingsWinOverTheImportedExtensions()
    {
        var imported = ConformanceDocuments.Import("localstack-import/pets.json");
        var api = Api(imported.Settings) with
        {
            BinaryMediaTypes = ["application/octet-stream"],
            MinimumCompressionSize = 2048,
            Policy = """{"Version":"2012-10-17","Statement":[]}""",
            DisableExecuteApiEndpoint = true,
            Description = "changed",
        };

        var document = JsonNode.Parse(Export(Deploy(imported.Definition, api), "oas30", false, "apigateway").Body)!;

        Assert.Equal(["application/octet-stream"], document["x-amazon-apigateway-binary-media-types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(2048, document["x-amazon-apigateway-minimum-compression-size"]!.GetValue<int>());
        Assert.Equal("2012-10-17", document["x-amazon-apigateway-policy"]!["Version"]!.GetValue<string>());
        Assert.True(document["servers"]![0]!["x-amazon-apigateway-endpoint-configuration"]!["disableExecuteApiEndpoint"]!.GetValue<bool>());
        Assert.Equal("changed", document["info"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void MethodsWithoutAnImportedOperationAreExportedFromTheirDefinition()
    {
        var integration = new IntegrationDefinition("HTTP_PROXY", "ANY", "https://backend.example.com/{id}", 10_000,
            new Dictionary<string, string> { ["integration.request.path.id"] = "method.request.path.id" },
            new Dictionary<string, string>(), [new IntegrationResponseDefinition("default", "201", new Dictionary<string, string>(), new Dictionary<string, string>(), null)],
            "WHEN_NO_MATCH", "INTERNET", null, [], null);
        var method = new MethodDefinition("POST", "AWS_IAM", null, true, "CreateItem",
            new Dictionary<string, bool> { ["method.request.querystring.dryRun"] = false },
            integration, new Dictionary<string, string>(), null, [], null);
        var definition = new ApiDefinition(
            [new ResourceDefinition("/", new Dictionary<string, MethodDefinition>()),
             new ResourceDefinition("/items", new Dictionary<string, MethodDefinition>()),
             new ResourceDefinition("/items/{id}", new Dictionary<string, MethodDefinition> { ["POST"] = method })],
            new Dictionary<string, string>(), null);
        var api = Api(new ImportedApiSettings("made-by-hand", null, null, [], null, null, null, null, null));

        var exported = Export(Deploy(definition, api), "oas30", false, "integrations");
        var reimported = TestDocuments.Import(Encoding.UTF8.GetBytes(exported.Body));

        var again = reimported.Definition.Resources.Single(r => r.Path == "/items/{id}").Methods["POST"];
        Assert.Equal(("AWS_IAM", true, "CreateItem"), (again.AuthorizationType, again.ApiKeyRequired, again.OperationName));
        Assert.Equal(new Dictionary<string, bool> { ["method.request.path.id"] = true, ["method.request.querystring.dryRun"] = false }, again.RequestParameters);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(integration), System.Text.Json.JsonSerializer.Serialize(again.Integration));
    }

    [Fact]
    public void LeafResourcesWithoutMethodsAreExportedAndIntermediateOnesComeBackOnImport()
    {
        var empty = new Dictionary<string, MethodDefinition>();
        var definition = new ApiDefinition(
            [new ResourceDefinition("/", empty), new ResourceDefinition("/a", empty), new ResourceDefinition("/a/b", empty), new ResourceDefinition("/a-c", empty)],
            new Dictionary<string, string>(), null);
        var api = Api(new ImportedApiSettings("resources-only", null, null, [], null, null, null, null, null));

        var exported = Export(Deploy(definition, api));

        Assert.Equal(["/a-c", "/a/b"], JsonNode.Parse(exported.Body)!["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["/", "/a", "/a-c", "/a/b"], TestDocuments.Import(Encoding.UTF8.GetBytes(exported.Body)).Definition.Resources.Select(r => r.Path));
    }

    [Fact]
    public void UnknownExportTypeIsABadRequest()
    {
        var deployment = Deploy(ConformanceDocuments.Import("localstack-import/pets.json"));

        var error = Assert.Throws<ManagementException>(() => Export(deployment, "raml"));

        Assert.Equal(ManagementErrorType.BadRequest, error.ErrorType);
        Assert.Equal("Invalid export type 'raml'. Valid values are oas30 and swagger.", error.Message);
    }
}

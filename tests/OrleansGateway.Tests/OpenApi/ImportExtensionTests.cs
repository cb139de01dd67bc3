using System.Text;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.OpenApi;
using static OrleansGateway.Tests.OpenApi.TestDocuments;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>Extensions are kept, the ones not enforced are named in warnings, and root settings are read.</summary>
public sealed class ImportExtensionTests
{
    [Theory]
    [InlineData("x-amazon-apigateway-cors", """{"allowOrigins": ["*"]}""")]
    [InlineData("x-amazon-apigateway-gateway-responses", """{"DEFAULT_4XX": {"statusCode": 400}}""")]
    [InlineData("x-amazon-apigateway-documentation", """{"version": "1", "documentationParts": []}""")]
    [InlineData("x-amazon-apigateway-minimum-compression-size", "1024")]
    [InlineData("x-amazon-apigateway-importexport-version", "\"1.0\"")]
    [InlineData("x-amazon-apigateway-endpoint-access-mode", "\"STRICT\"")]
    [InlineData("x-amazon-apigateway-security-policy", "\"SecurityPolicy_TLS13_1_3_2025_09\"")]
    public void RootExtensionNotEnforcedYetIsStoredWithAWarning(string name, string value)
    {
        var root = $$$""" "{{{name}}}": {{{value}}}, "x-amazon-apigateway-request-validators": {"basic": {"validateRequestBody": true}} """;

        var result = Import(OneOperation(root: root));

        Assert.Contains($"{name} at root: stored; not enforced by this version", result.Warnings);
        Assert.Equal(JsonNode.Parse(value)!.ToJsonString(), result.Definition.Extensions[name]);
    }

    [Fact]
    public void OperationExtensionsAreStoredOnTheMethodWithWarnings()
    {
        var operation = HttpIntegration + """, "x-amazon-apigateway-auth": {"type": "AWS_IAM"}, "x-amazon-apigateway-custom-thing": {"a": 1} """;

        var result = Import(OneOperation(operation: operation));

        var method = result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"];
        Assert.Equal("""{"type":"AWS_IAM"}""", method.Extensions["x-amazon-apigateway-auth"]);
        Assert.Equal("""{"a":1}""", method.Extensions["x-amazon-apigateway-custom-thing"]);
        Assert.Equal("AWS_IAM", method.AuthorizationType);
        Assert.Contains("x-amazon-apigateway-auth at paths./items.get: stored; not enforced by this version", result.Warnings);
        Assert.Contains("x-amazon-apigateway-custom-thing at paths./items.get: unknown extension; stored, not interpreted", result.Warnings);
        // The integration stays in the operation as imported; the other extensions live on the method.
        var stored = JsonNode.Parse(method.OperationJson!)!.AsObject();
        Assert.Equal("https://backend.example.com/items", stored["x-amazon-apigateway-integration"]!["uri"]!.GetValue<string>());
        Assert.False(stored.ContainsKey("x-amazon-apigateway-auth"));
    }

    [Fact]
    public void UnknownExtensionsAnywhereAreKeptAndNamed()
    {
        var document = Encoding.UTF8.GetBytes($$$"""
            {
              "openapi": "3.0.1",
              "info": {"title": "t", "version": "1", "x-amazon-apigateway-info-note": "n"},
              "servers": [{"url": "https://api.example.com", "x-amazon-apigateway-server-note": 1}],
              "x-amazon-apigateway-future": {"enabled": true},
              "paths": {"/items": {
                "x-amazon-apigateway-path-note": "p",
                "get": { {{{HttpIntegration}}} }, "post": { {{{HttpIntegration}}} }
              }}
            }
            """);

        var result = Import(document);

        Assert.Contains("x-amazon-apigateway-info-note at info: unknown extension; stored, not interpreted", result.Warnings);
        Assert.Contains("x-amazon-apigateway-server-note at servers[0]: unknown extension; stored, not interpreted", result.Warnings);
        Assert.Contains("x-amazon-apigateway-future at root: unknown extension; stored, not interpreted", result.Warnings);
        Assert.Contains("x-amazon-apigateway-path-note at paths./items: unknown extension; stored, not interpreted", result.Warnings);
        Assert.Equal("""{"enabled":true}""", result.Definition.Extensions["x-amazon-apigateway-future"]);
        var stored = JsonNode.Parse(result.Definition.DocumentJson!)!;
        Assert.Equal("n", stored["info"]!["x-amazon-apigateway-info-note"]!.GetValue<string>());
        Assert.Equal(1, stored["servers"]![0]!["x-amazon-apigateway-server-note"]!.GetValue<int>());
        // A path-level extension has no resource-level slot; each method of the path keeps it.
        Assert.All(result.Definition.Resources.Single(r => r.Path == "/items").Methods.Values,
            m => Assert.Equal("\"p\"", m.Extensions["x-amazon-apigateway-path-note"]));
    }

    [Fact]
    public void DocumentJsonHoldsTheDocumentWithoutPathsOrRootExtensions()
    {
        var result = Import(OneOperation(root: """ "x-amazon-apigateway-cors": {"maxAge": 5}, "tags": [{"name": "t"}] """));

        var stored = JsonNode.Parse(result.Definition.DocumentJson!)!.AsObject();
        Assert.False(stored.ContainsKey("paths"));
        Assert.False(stored.ContainsKey("x-amazon-apigateway-cors"));
        Assert.Equal("test-api", stored["info"]!["title"]!.GetValue<string>());
        Assert.Equal("t", stored["tags"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void FailOnWarningsTurnsWarningsIntoAnError()
    {
        var document = OneOperation(root: """ "x-amazon-apigateway-cors": {"maxAge": 5} """);

        var message = ImportError(document, new OpenApiImportOptions(FailOnWarnings: true));

        Assert.Equal(
            "Import failed because failonwarnings is set and the document raised 1 warning(s): x-amazon-apigateway-cors at root: stored; not enforced by this version",
            message);
    }

    [Fact]
    public void FailOnWarningsAcceptsADocumentWithoutWarnings()
    {
        var result = Import(OneOperation(), new OpenApiImportOptions(FailOnWarnings: true));

        Assert.Empty(result.Warnings);
        Assert.Equal("HTTP", result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"].Integration!.Type);
    }

    [Theory]
    [InlineData("aws", "type aws is stored but not supported by this gateway; the method will answer 500 INTEGRATION_FAILURE")]
    [InlineData("aws_proxy", "type aws_proxy is stored but not supported by this gateway; the method will answer 500 INTEGRATION_FAILURE")]
    public void AwsIntegrationsAreStoredWithAWarning(string type, string warning)
    {
        var result = Import(WithIntegration($$"""{"type": "{{type}}", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:lambda:path/fn"}"""));

        Assert.Contains($"x-amazon-apigateway-integration at paths./items.get: {warning}", result.Warnings);
        Assert.Equal(type.ToUpperInvariant(), result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"].Integration!.Type);
    }

    [Fact]
    public void RootSecurityIsAppliedWithAWarning()
    {
        var root = """
            "security": [{"sigv4": []}],
            "components": {"securitySchemes": {"sigv4": {"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"}}}
            """;

        var result = Import(OneOperation(root: root));

        Assert.Equal("AWS_IAM", result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"].AuthorizationType);
        Assert.Contains(result.Warnings, w => w.StartsWith("security at root: applied to every operation that declares no security of its own", StringComparison.Ordinal));
    }

    [Fact]
    public void SecurityRequirementsMapToAuthorizerScopesAndApiKey()
    {
        var root = """
            "components": {"securitySchemes": {
              "pool": {"type": "apiKey", "name": "Authorization", "in": "header",
                       "x-amazon-apigateway-authorizer": {"type": "cognito_user_pools", "providerARNs": ["arn:aws:cognito-idp:us-east-1:1:userpool/p"]}},
              "key": {"type": "apiKey", "name": "X-API-Key", "in": "header"},
              "basic": {"type": "http", "scheme": "basic"}}}
            """;
        var operation = HttpIntegration + """, "security": [{"pool": ["email", "openid"]}, {"key": []}, {"basic": []}] """;

        var result = Import(OneOperation(operation: operation, root: root));

        var method = result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"];
        Assert.Equal(("COGNITO_USER_POOLS", "pool", true), (method.AuthorizationType, method.AuthorizerId, method.ApiKeyRequired));
        Assert.Equal(["email", "openid"], method.AuthorizationScopes);
        Assert.Contains("security scheme 'basic' at paths./items.get: a http scheme without API Gateway extensions does not protect the method; ignored", result.Warnings);
    }

    [Fact]
    public void PathLevelParametersApplyToEveryOperation()
    {
        var document = OpenApi3($$$"""
            "/items/{id}": {
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                             {"name": "X-Tenant", "in": "header", "required": true, "schema": {"type": "string"}}],
              "get": { {{{HttpIntegration}}}, "parameters": [{"name": "X-Tenant", "in": "header", "required": false, "schema": {"type": "string"}}] },
              "delete": { {{{HttpIntegration}}} }
            }
            """);

        var result = Import(document);

        var methods = result.Definition.Resources.Single(r => r.Path == "/items/{id}").Methods;
        Assert.False(methods["GET"].RequestParameters["method.request.header.X-Tenant"]); // the operation overrides
        Assert.True(methods["DELETE"].RequestParameters["method.request.header.X-Tenant"]);
        Assert.Equal(2, JsonNode.Parse(methods["DELETE"].OperationJson!)!["parameters"]!.AsArray().Count);
    }

    [Fact]
    public void RootSettingsAreRead()
    {
        var root = """
            "servers": [{"url": "https://api.example.com",
              "x-amazon-apigateway-endpoint-configuration": {"types": ["private"], "vpcEndpointIds": ["vpce-1"], "disableExecuteApiEndpoint": true}}],
            "x-amazon-apigateway-api-key-source": "authorizer",
            "x-amazon-apigateway-binary-media-types": ["image/png", "*/*"],
            "x-amazon-apigateway-minimum-compression-size": 0,
            "x-amazon-apigateway-policy": {"Version": "2012-10-17", "Statement": []}
            """;

        var settings = Import(OneOperation(root: root)).Settings;

        Assert.Equal("test-api", settings.Name);
        Assert.Equal("AUTHORIZER", settings.ApiKeySource);
        Assert.Equal(["image/png", "*/*"], settings.BinaryMediaTypes);
        Assert.Equal(0, settings.MinimumCompressionSize);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[]}""", settings.Policy);
        Assert.Equal(["PRIVATE"], settings.EndpointConfiguration!.Types);
        Assert.Equal(["vpce-1"], settings.EndpointConfiguration.VpcEndpointIds);
        Assert.True(settings.DisableExecuteApiEndpoint);
    }

    [Fact]
    public void SwaggerEndpointConfigurationAtTheRootIsReadAndTheOptionOverridesItsTypes()
    {
        var document = Encoding.UTF8.GetBytes("""
            {"swagger": "2.0", "info": {"title": "t", "version": "1"},
             "x-amazon-apigateway-endpoint-configuration": {"types": ["EDGE"], "disableExecuteApiEndpoint": false},
             "paths": {}}
            """);

        var settings = Import(document, new OpenApiImportOptions(EndpointConfigurationTypes: "regional")).Settings;

        Assert.Equal(["REGIONAL"], settings.EndpointConfiguration!.Types);
        Assert.False(settings.DisableExecuteApiEndpoint);
    }

    [Fact]
    public void SilentDocumentLeavesSettingsNull()
    {
        var settings = Import(Encoding.UTF8.GetBytes("""{"openapi": "3.0.1", "info": {"version": "1"}, "paths": {}}""")).Settings;

        Assert.Null(settings.Name);
        Assert.Null(settings.ApiKeySource);
        Assert.Null(settings.EndpointConfiguration);
        Assert.Null(settings.Policy);
        Assert.Empty(settings.BinaryMediaTypes);
    }

    [Fact]
    public void EmptyPathsGiveOnlyTheRootResource()
    {
        var result = Import(Encoding.UTF8.GetBytes("""{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {}}"""));

        Assert.Equal("/", Assert.Single(result.Definition.Resources).Path);
    }

    [Fact]
    public void SwaggerBasePathSplitDropsItsFirstSegment()
    {
        var document = Encoding.UTF8.GetBytes("""
            {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "basePath": "/a/b/c",
             "paths": {"/e": {"get": {"responses": {}, "x-amazon-apigateway-integration": {"type": "mock"}}}}}
            """);

        var split = Import(document, new OpenApiImportOptions(BasePath: "split"));
        var prepend = Import(document, new OpenApiImportOptions(BasePath: "PREPEND"));

        Assert.Equal(["/", "/b", "/b/c", "/b/c/e"], split.Definition.Resources.Select(r => r.Path));
        Assert.Equal(["/", "/a", "/a/b", "/a/b/c", "/a/b/c/e"], prepend.Definition.Resources.Select(r => r.Path));
    }

    [Fact]
    public void UnknownMembersAreSkippedWithAWarningNamingThem()
    {
        var document = Encoding.UTF8.GetBytes("""
            {"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "notOpenApi": 1,
             "paths": {"/a": {"GET": {"x-amazon-apigateway-integration": {"type": "mock"}},
                              "post": {"x-amazon-apigateway-integration": {"type": "mock"}}}}}
            """);

        var result = Import(document);

        Assert.Contains("root: 'notOpenApi' is not an OpenAPI property; ignored", result.Warnings);
        Assert.Contains("paths./a: 'GET' is not an OpenAPI property (operation keys are lower case); ignored", result.Warnings);
        Assert.Equal(["POST"], result.Definition.Resources.Single(r => r.Path == "/a").Methods.Keys);
    }

    [Fact]
    public void MethodKeysAreUpperCaseAndAnyMethodBecomesAny()
    {
        var document = OpenApi3($$$"""
            "/": {"get": { {{{HttpIntegration}}} }},
            "/items": {"patch": { {{{HttpIntegration}}} }, "head": { {{{HttpIntegration}}} },
                       "x-amazon-apigateway-any-method": { {{{HttpIntegration}}} }}
            """);

        var result = Import(document);

        Assert.Equal(["GET"], result.Definition.Resources.Single(r => r.Path == "/").Methods.Keys);
        Assert.Equal(["PATCH", "HEAD", "ANY"], result.Definition.Resources.Single(r => r.Path == "/items").Methods.Keys);
    }
}

using System.Text;
using OrleansGateway.Edge.Management.OpenApi;
using static OrleansGateway.Tests.OpenApi.TestDocuments;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>Documents API Gateway would not import are refused with a message naming where and why.</summary>
public sealed class ImportValidationTests
{
    [Fact]
    public void UnparseableJsonNamesTheLineAndPosition()
    {
        var message = ImportError(Encoding.UTF8.GetBytes("{\n  \"openapi\": \"3.0.1\",\n  \"info\": nope\n}"));

        Assert.StartsWith("Invalid OpenAPI input: the document is not valid JSON at line 3, position ", message);
        Assert.Contains("invalid JSON literal", message);
    }

    [Fact]
    public void UnparseableYamlNamesTheLineAndColumn()
    {
        var message = ImportError(Encoding.UTF8.GetBytes("openapi: 3.0.1\ninfo:\n  title: [unclosed\npaths: {}\n"));

        Assert.StartsWith("Invalid OpenAPI input: the document is not valid YAML at line 4, column", message);
        Assert.DoesNotContain("Lin:", message);
    }

    [Fact]
    public void DuplicateJsonKeysAreRejected()
    {
        var message = ImportError(Encoding.UTF8.GetBytes("""{"openapi": "3.0.1", "openapi": "3.0.2", "paths": {}}"""));

        Assert.StartsWith("Invalid OpenAPI input: the document is not valid JSON", message);
        Assert.Contains("Duplicate property 'openapi'", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    public void EmptyDocumentIsRejected(string document)
    {
        Assert.Equal("Invalid OpenAPI input: the document is empty.", ImportError(Encoding.UTF8.GetBytes(document)));
    }

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("just some text", "a string")]
    public void DocumentThatIsNotAnObjectIsRejected(string document, string found)
    {
        Assert.Equal($"Invalid OpenAPI input: the document must be an object at its top level, found {found}.", ImportError(Encoding.UTF8.GetBytes(document)));
    }

    [Theory]
    [InlineData("""{"openapi": "2.5", "paths": {}}""", "openapi: version '2.5' is not supported; import reads OpenAPI 3.x and Swagger 2.0")]
    [InlineData("""{"swagger": "1.2", "paths": {}}""", "swagger: version '1.2' is not supported; import reads OpenAPI 3.x and Swagger 2.0")]
    [InlineData("""{"info": {"title": "x"}, "paths": {}}""", "Invalid OpenAPI input: the document declares neither 'openapi: 3.x' nor 'swagger: \"2.0\"'.")]
    public void UnsupportedOrMissingVersionIsRejected(string document, string expected)
    {
        Assert.Equal(expected, ImportError(Encoding.UTF8.GetBytes(document)));
    }

    [Fact]
    public void DocumentWithoutPathsIsRejected()
    {
        var message = ImportError(Encoding.UTF8.GetBytes("""{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}}"""));

        Assert.Equal("paths: the document has no paths object", message);
    }

    [Fact]
    public void PathsThatIsNotAnObjectIsRejected()
    {
        var message = ImportError(Encoding.UTF8.GetBytes("""{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": ["/a"]}"""));

        Assert.Equal("paths: expected an object, found an array", message);
    }

    [Theory]
    [InlineData("/pets/$x", "$")]
    [InlineData("/a b", " ")]
    [InlineData("/pets/item+1", "+")]
    [InlineData("/caf\u00e9", "\u00e9")]
    public void PathSegmentWithCharacterApiGatewayRejectsIsRefused(string path, string character)
    {
        var segment = path[(path.LastIndexOf('/') + 1)..];

        var message = ImportError(OneOperation(path));

        Assert.Equal($"paths.{path}: segment '{segment}' contains '{character}', which API Gateway rejects in a path (allowed: letters, digits, _ - . , : and a whole-segment {{parameter}})", message);
    }

    [Fact]
    public void PathSegmentsWithAllowedPunctuationImport()
    {
        var result = Import(OneOperation("/v1.2/a_b-c,d:e/{id}"));

        Assert.Contains(result.Definition.Resources, r => r.Path == "/v1.2/a_b-c,d:e/{id}" && r.Methods.ContainsKey("GET"));
    }

    [Theory]
    [InlineData("/pets/id{id}", "id{id}")]
    [InlineData("/pets/{id}.json", "{id}.json")]
    [InlineData("/pets/{id", "{id")]
    public void PathParameterThatIsNotAWholeSegmentIsRefused(string path, string segment)
    {
        var message = ImportError(OneOperation(path));

        Assert.Equal($"paths.{path}: segment '{segment}' holds a path parameter that is not a whole segment; API Gateway needs a parameter to fill its segment, as in /pets/{{id}}", message);
    }

    [Fact]
    public void GreedyParameterBeforeTheLastSegmentIsRefused()
    {
        Assert.Equal(
            "paths./files/{proxy+}/meta: the greedy parameter '{proxy+}' must be the last segment of the path",
            ImportError(OneOperation("/files/{proxy+}/meta")));
    }

    [Theory]
    [InlineData("pets", "paths.pets: a path must start with '/'")]
    [InlineData("/a//b", "paths./a//b: the path has an empty segment ('//')")]
    public void MalformedPathIsRefused(string path, string expected)
    {
        Assert.Equal(expected, ImportError(OneOperation(path)));
    }

    [Fact]
    public void SiblingResourcesWithDifferentParametersAreRefused()
    {
        var document = OpenApi3($$$"""
            "/pets/{id}": {"get": { {{{HttpIntegration}}} }},
            "/pets/{name}/toys": {"get": { {{{HttpIntegration}}} }}
            """);

        Assert.Equal(
            "paths./pets/{name}/toys: '/pets/{name}' and '/pets/{id}' are sibling resources with different path parameters; API Gateway allows one parameter segment under '/pets'",
            ImportError(document));
    }

    [Fact]
    public void SameMethodReachedThroughTwoSpellingsOfAPathIsRefused()
    {
        var document = OpenApi3($$$"""
            "/pets": {"get": { {{{HttpIntegration}}} }},
            "/pets/": {"get": { {{{HttpIntegration}}} }}
            """);

        Assert.Equal("paths./pets/.get: GET on resource '/pets' is already defined by another path", ImportError(document));
    }

    [Fact]
    public void TraceMethodIsRefused()
    {
        var document = OpenApi3($$$""" "/pets": {"trace": { {{{HttpIntegration}}} }} """);

        Assert.Equal("paths./pets.trace: API Gateway does not support the TRACE method", ImportError(document));
    }

    [Fact]
    public void UnknownIntegrationTypeIsRefused()
    {
        Assert.Equal(
            "paths./items.get.x-amazon-apigateway-integration.type: 'lambda' is not one of http, http_proxy, mock, aws, aws_proxy",
            ImportError(WithIntegration("""{"type": "lambda", "uri": "https://x.example.com"}""")));
    }

    [Fact]
    public void IntegrationWithoutTypeIsRefused()
    {
        Assert.Equal(
            "paths./items.get.x-amazon-apigateway-integration.type: required; one of http, http_proxy, mock, aws, aws_proxy",
            ImportError(WithIntegration("""{"httpMethod": "GET", "uri": "https://x.example.com"}""")));
    }

    [Theory]
    [InlineData("http", """ "httpMethod": "GET" """, "none")]
    [InlineData("http_proxy", """ "httpMethod": "ANY", "uri": "/relative/path" """, "'/relative/path'")]
    [InlineData("http", """ "httpMethod": "GET", "uri": "ftp://files.example.com/x" """, "'ftp://files.example.com/x'")]
    [InlineData("http_proxy", """ "httpMethod": "GET", "uri": "${stageVariables.url}" """, "'${stageVariables.url}'")]
    public void HttpIntegrationWithoutAbsoluteHttpUriIsRefused(string type, string fields, string found)
    {
        var message = ImportError(WithIntegration($$"""{"type": "{{type}}", {{fields}} }"""));

        Assert.Equal($"paths./items.get.x-amazon-apigateway-integration.uri: type {type} needs an absolute http:// or https:// URI, found {found}", message);
    }

    [Theory]
    [InlineData("https://${stageVariables.host}/items/{id}")]
    [InlineData("http://backend.example.com:8080/{proxy}?q=${stageVariables.q}")]
    public void HttpUriMayHoldStageVariablesAndParameters(string uri)
    {
        var result = Import(WithIntegration($$"""{"type": "http_proxy", "httpMethod": "ANY", "uri": "{{uri}}"}"""));

        Assert.Equal(uri, result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"].Integration!.Uri);
    }

    [Fact]
    public void HttpIntegrationWithoutHttpMethodIsRefused()
    {
        Assert.Equal(
            "paths./items.get.x-amazon-apigateway-integration.httpMethod: required for type http",
            ImportError(WithIntegration("""{"type": "http", "uri": "https://x.example.com"}""")));
    }

    [Theory]
    [InlineData("49")]
    [InlineData("29001")]
    [InlineData("0")]
    public void TimeoutOutsideApiGatewaysRangeIsRefused(string timeout)
    {
        var message = ImportError(WithIntegration($$"""{"type": "http", "httpMethod": "GET", "uri": "https://x.example.com", "timeoutInMillis": {{timeout}} }"""));

        Assert.Equal($"paths./items.get.x-amazon-apigateway-integration.timeoutInMillis: {timeout} is outside 50-29000 milliseconds", message);
    }

    [Fact]
    public void TimeoutThatIsNotAnIntegerIsRefused()
    {
        Assert.Equal(
            "paths./items.get.x-amazon-apigateway-integration.timeoutInMillis: expected an integer, found 'soon'",
            ImportError(WithIntegration("""{"type": "mock", "timeoutInMillis": "soon"}""")));
    }

    [Theory]
    [InlineData("50")]
    [InlineData("29000")]
    [InlineData("\"1500\"")]
    public void TimeoutInsideTheRangeIsKept(string timeout)
    {
        var result = Import(WithIntegration($$"""{"type": "mock", "timeoutInMillis": {{timeout}} }"""));

        Assert.Equal(int.Parse(timeout.Trim('"'), System.Globalization.CultureInfo.InvariantCulture),
            result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"].Integration!.TimeoutInMillis);
    }

    [Fact]
    public void IntegrationGivenAsAStringOfInvalidJsonIsRefused()
    {
        var message = ImportError(WithIntegration("\"{\\\"type\\\": \\\"mock\\\"\""));

        Assert.StartsWith("paths./items.get.x-amazon-apigateway-integration: invalid JSON in a string that must hold an object:", message);
    }

    [Fact]
    public void IntegrationGivenAsAStringHoldingJsonIsRead()
    {
        var result = Import(WithIntegration("\"{\\\"type\\\": \\\"mock\\\"}\""));

        Assert.Equal("MOCK", result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"].Integration!.Type);
    }

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("42", "a number")]
    public void IntegrationThatIsNotAnObjectIsRefused(string value, string found)
    {
        Assert.Equal($"paths./items.get.x-amazon-apigateway-integration: expected an object, found {found}", ImportError(WithIntegration(value)));
    }

    [Fact]
    public void PolicyGivenAsAStringOfInvalidJsonIsRefused()
    {
        var message = ImportError(OneOperation(root: """ "x-amazon-apigateway-policy": "{\"Version\": " """));

        Assert.StartsWith("x-amazon-apigateway-policy: invalid JSON in a string that must hold an object:", message);
    }

    [Fact]
    public void GatewayResponsesThatAreNotAnObjectAreRefused()
    {
        Assert.Equal(
            "x-amazon-apigateway-gateway-responses: expected an object, found an array",
            ImportError(OneOperation(root: """ "x-amazon-apigateway-gateway-responses": [] """)));
    }

    [Theory]
    [InlineData("""{"type": "mock", "passthroughBehavior": "always"}""", "paths./items.get.x-amazon-apigateway-integration.passthroughBehavior: 'always' is not one of when_no_match, when_no_templates, never")]
    [InlineData("""{"type": "mock", "contentHandling": "CONVERT_TO_JSON"}""", "paths./items.get.x-amazon-apigateway-integration.contentHandling: 'CONVERT_TO_JSON' is not one of convert_to_text, convert_to_binary")]
    [InlineData("""{"type": "mock", "responses": {"default": {"responseTemplates": {}}}}""", "paths./items.get.x-amazon-apigateway-integration.responses.default.statusCode: required")]
    [InlineData("""{"type": "mock", "requestParameters": ["a"]}""", "paths./items.get.x-amazon-apigateway-integration.requestParameters: expected an object, found an array")]
    [InlineData("""{"type": "mock", "uri": {"Fn::Sub": "arn:${AWS::Region}"}}""", "paths./items.get.x-amazon-apigateway-integration.uri: unresolved CloudFormation intrinsic 'Fn::Sub'; CloudFormation or SAM resolves it before calling API Gateway, so the document cannot be imported as it stands")]
    [InlineData("""{"$ref": "other.yaml#/integrations/a"}""", "paths./items.get.x-amazon-apigateway-integration.$ref: 'other.yaml#/integrations/a' points outside the document; import resolves only local references (#/...)")]
    [InlineData("""{"$ref": "#/components/x-amazon-apigateway-integrations/missing"}""", "paths./items.get.x-amazon-apigateway-integration.$ref: '#/components/x-amazon-apigateway-integrations/missing' does not resolve inside the document")]
    public void InvalidIntegrationFieldIsRefusedAtItsLocation(string integration, string expected)
    {
        Assert.Equal(expected, ImportError(WithIntegration(integration)));
    }

    [Fact]
    public void BasePathModeOutsideIgnorePrependSplitIsRefused()
    {
        Assert.Equal(
            "basepath: 'strip' is not a valid mode; use ignore, prepend or split.",
            ImportError(OneOperation(), new OpenApiImportOptions(BasePath: "strip")));
    }

    [Fact]
    public void UnknownEndpointConfigurationTypeIsRefused()
    {
        Assert.Equal(
            "endpointConfigurationTypes: 'GLOBAL' is not one of EDGE, REGIONAL, PRIVATE.",
            ImportError(OneOperation(), new OpenApiImportOptions(EndpointConfigurationTypes: "REGIONAL,GLOBAL")));
    }

    [Theory]
    [InlineData(""" "x-amazon-apigateway-api-key-source": "QUERY" """, "x-amazon-apigateway-api-key-source: 'QUERY' is not one of HEADER, AUTHORIZER")]
    [InlineData(""" "x-amazon-apigateway-minimum-compression-size": 10485761 """, "x-amazon-apigateway-minimum-compression-size: 10485761 is outside 0-10485760 bytes")]
    [InlineData(""" "x-amazon-apigateway-endpoint-configuration": {"types": ["GLOBAL"]} """, "x-amazon-apigateway-endpoint-configuration.types: 'GLOBAL' is not one of EDGE, REGIONAL, PRIVATE")]
    [InlineData(""" "x-amazon-apigateway-request-validators": {"all": {"validateRequestBody": "sometimes"}} """, "x-amazon-apigateway-request-validators.all.validateRequestBody: expected true or false, found 'sometimes'")]
    public void InvalidRootExtensionIsRefused(string root, string expected)
    {
        Assert.Equal(expected, ImportError(OneOperation(root: root)));
    }

    [Fact]
    public void RequestValidatorThatIsNotDefinedIsRefused()
    {
        var document = OneOperation(
            operation: HttpIntegration + """, "x-amazon-apigateway-request-validator": "strict" """,
            root: """ "x-amazon-apigateway-request-validators": {"basic": {"validateRequestBody": true}} """);

        Assert.Equal(
            "paths./items.get.x-amazon-apigateway-request-validator: validator 'strict' is not defined in x-amazon-apigateway-request-validators",
            ImportError(document));
    }

    [Fact]
    public void JwtAuthorizerWithoutAnIssuerIsRefused()
    {
        var root = """
            "components": {"securitySchemes": {"jwt": {"type": "oauth2", "flows": {},
              "x-amazon-apigateway-authorizer": {"type": "jwt", "jwtConfiguration": {"audience": ["api"]}}}}}
            """;

        Assert.Equal(
            "components.securitySchemes.jwt.x-amazon-apigateway-authorizer.jwtConfiguration.issuer: required for a jwt authorizer",
            ImportError(OneOperation(root: root)));
    }

    [Fact]
    public void AuthorizerCacheTtlOverAnHourIsRefused()
    {
        var root = """
            "components": {"securitySchemes": {"lambda": {"type": "apiKey", "name": "Authorization", "in": "header",
              "x-amazon-apigateway-authorizer": {"type": "token", "authorizerUri": "http://127.0.0.1:9/auth", "authorizerResultTtlInSeconds": 3601}}}}
            """;

        Assert.Equal(
            "components.securitySchemes.lambda.x-amazon-apigateway-authorizer.authorizerResultTtlInSeconds: '3601' is not a whole number of seconds from 0 to 3600",
            ImportError(OneOperation(root: root)));
    }

    [Fact]
    public void DocumentOverSixMegabytesIsRefusedBeforeParsing()
    {
        var document = new byte[OpenApiImporter.MaxDocumentBytes + 1];

        Assert.Equal(
            $"Invalid OpenAPI input: the document is {OpenApiImporter.MaxDocumentBytes + 1} bytes; API Gateway imports documents of at most 6 MB (6291456 bytes).",
            ImportError(document));
    }

    [Fact]
    public void DocumentJustUnderSixMegabytesImports()
    {
        var head = OneOperation(root: """ "x-padding": "PAD" """);
        var padding = new string('a', OpenApiImporter.MaxDocumentBytes - head.Length + 3);
        var document = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(head).Replace("PAD", padding, StringComparison.Ordinal));

        Assert.Equal(OpenApiImporter.MaxDocumentBytes, document.Length);
        Assert.Contains(Import(document).Definition.Resources, r => r.Path == "/items");
    }

    [Theory]
    [InlineData("""{"openapi":"3.0.1","paths":{"/a":{"get":"x"}}}""", "Invalid OpenAPI input: paths./a.get: Operation must be a map/object")]
    [InlineData("""{"openapi":"3.0.1","paths":{"/a":{"get":{"security":"x"}}}}""", "paths./a.get.security: expected an array of security requirements, found a string")]
    [InlineData("""{"openapi":"3.0.1","paths":{"/a":{"get":{"security":[{"key":"x"}]}}}}""", "paths./a.get.security[0].key: expected an array of scopes, found a string")]
    [InlineData("""{"openapi":"3.0.1","security":[1],"paths":{}}""", "security[0]: expected a security requirement object, found a number")]
    [InlineData("""{"openapi":"3.0.1","info":{"title":["x"]},"paths":{}}""", "Invalid OpenAPI input: info.title:")]
    [InlineData("""{"openapi":"3.0.1","paths":{},"components":{"securitySchemes":{"a":{"x-amazon-apigateway-authorizer":{"type":"token"}}}}}""", "Invalid OpenAPI input: the OpenAPI parser could not read the document: The 'type' property is required for security schemes.")]
    [InlineData("""{"openapi":"3.0.1","paths":{"/a":{"get":{"parameters":[{"name":"q","in":"query","required":"maybe"}]}}}}""", "Invalid OpenAPI input: the OpenAPI parser could not read the document:")]
    [InlineData("""{"openapi":"3.0.1","paths":{"/a":{"x-amazon-apigateway-any-method":[1]}}}""", "paths./a.x-amazon-apigateway-any-method: expected an object, found an array")]
    [InlineData("""{"openapi":"3.0.1","paths":{"/a":{"get":{"parameters":[{"$ref":"#/components/parameters/Missing"}]}}}}""", "paths./a.get.parameters[0].$ref: '#/components/parameters/Missing' does not resolve inside the document")]
    [InlineData("openapi: 3.0.1\npaths: &p\n  /a: *p\n", "Invalid OpenAPI input: The YAML node graph contains a cycle.")]
    public void MalformedShapesAreImportErrorsNamingWhere(string document, string expectedStart)
    {
        Assert.StartsWith(expectedStart, ImportError(Encoding.UTF8.GetBytes(document)));
    }

    [Fact]
    public void DocumentNestedBeyondTheLimitIsRefused()
    {
        var message = ImportError(NestedSchemaDocument(levels: 40));

        Assert.StartsWith("Invalid OpenAPI input: the document is not valid JSON at line", message);
        Assert.Contains("depth", message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("oas30")]
    [InlineData("swagger")]
    public void DocumentNestedJustUnderTheLimitImportsAndExports(string exportType)
    {
        var result = Import(NestedSchemaDocument(levels: 28));

        var exported = ExportFixture.Export(ExportFixture.Deploy(result), exportType, false, "integrations");

        Assert.Contains("\"p27\"", exported.Body, StringComparison.Ordinal);
        Assert.Equal("MOCK", Import(Encoding.UTF8.GetBytes(exported.Body)).Definition.Resources.Single(r => r.Path == "/items").Methods["GET"].Integration!.Type);
    }

    // components.schemas.Deep.properties.p0.properties.p1... : two levels of nesting per property.
    private static byte[] NestedSchemaDocument(int levels)
    {
        var schema = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            schema.Append($$"""{"type": "object", "properties": {"p{{i}}": """);
        }
        schema.Append("""{"type": "string"}""").Append(new string('}', 2 * levels));
        return OneOperation(
            operation: """ "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deep"}}}}}, "x-amazon-apigateway-integration": {"type": "mock"} """,
            root: $$$""" "components": {"schemas": {"Deep": {{{schema}}} }} """);
    }

    [Fact]
    public void ErrorMessagesQuotingTheDocumentAreBounded()
    {
        var path = "/" + new string('a', 5000) + "$";

        var message = ImportError(OneOperation(path));

        Assert.Equal(OpenApiImportException.MaxMessageLength, message.Length);
        Assert.StartsWith("paths./aaaa", message, StringComparison.Ordinal);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningsKeptWithTheApiAreBounded()
    {
        var root = string.Join(", ", Enumerable.Range(0, 150).Select(i => $""" "x-amazon-apigateway-unknown-{i}": {i} """));

        var result = Import(OneOperation(root: root));

        Assert.Equal(OpenApiImporter.MaxWarningsKept + 1, result.Warnings.Count);
        Assert.Equal("50 more warning(s) not shown", result.Warnings[^1]);
        Assert.Equal(150, result.Definition.Extensions.Count); // every extension is still stored
    }

    [Fact]
    public void YamlAliasBombIsRefused()
    {
        var yaml = new StringBuilder("openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\nx-bomb:\n  a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (var level = 'b'; level <= 'h'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append($"  {level}: &{level} [{string.Join(',', Enumerable.Repeat("*" + previous, 10))}]\n");
        }

        var message = ImportError(Encoding.UTF8.GetBytes(yaml.ToString()));

        Assert.StartsWith("Invalid OpenAPI input: The YAML document expands aliases to more than", message);
    }
}

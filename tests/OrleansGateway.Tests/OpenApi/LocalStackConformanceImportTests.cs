using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>
/// The localstack-import documents compared with what real AWS created for them
/// (test_apigateway_import.snapshot.json): resources, methods, authorization, parameters and
/// integrations, after the substitutions LocalStack's tests make.
/// </summary>
public sealed class LocalStackConformanceImportTests
{
    public static TheoryData<string, string, string, string, string> SnapshotCases => new()
    {
        // snapshot test, GetResources key, GetMethod key prefix, document, basepath mode
        { "test_import_swagger_api", "resources", "", "localstack-import/petstore-authorizer.swagger.json", "ignore" },
        { "test_import_and_validate_rest_api[openapi.spec.tf.json]", "resources", "", "localstack-import/openapi.spec.tf.json", "ignore" },
        { "test_import_and_validate_rest_api[swagger-mock-cors.json]", "resources", "", "localstack-import/swagger-mock-cors.json", "ignore" },
        { "test_import_rest_apis_with_base_path_swagger[ignore]", "get-resources-swagger-json", "", "localstack-import/swagger.json", "ignore" },
        { "test_import_rest_apis_with_base_path_swagger[prepend]", "get-resources-swagger-json", "", "localstack-import/swagger.json", "prepend" },
        { "test_import_rest_apis_with_base_path_swagger[split]", "get-resources-swagger-json", "", "localstack-import/swagger.json", "split" },
        { "test_import_rest_apis_with_base_path_swagger[ignore]", "get-resources-no-base-path-swagger", "", "localstack-import/pets.json", "ignore" },
        { "test_import_rest_apis_with_base_path_swagger[prepend]", "get-resources-no-base-path-swagger", "", "localstack-import/pets.json", "prepend" },
        { "test_import_rest_apis_with_base_path_swagger[split]", "get-resources-no-base-path-swagger", "", "localstack-import/pets.json", "split" },
        { "test_import_rest_api_with_base_path_oas30[ignore]", "get-resources-oas30-srv-var", "srv-var-", "localstack-import/openapi-basepath-server-variable.yaml", "ignore" },
        { "test_import_rest_api_with_base_path_oas30[prepend]", "get-resources-oas30-srv-var", "srv-var-", "localstack-import/openapi-basepath-server-variable.yaml", "prepend" },
        { "test_import_rest_api_with_base_path_oas30[split]", "get-resources-oas30-srv-var", "srv-var-", "localstack-import/openapi-basepath-server-variable.yaml", "split" },
        { "test_import_rest_api_with_base_path_oas30[ignore]", "get-resources-oas30-srv-url", "srv-url-", "localstack-import/openapi-basepath-url.yaml", "ignore" },
        { "test_import_rest_api_with_base_path_oas30[prepend]", "get-resources-oas30-srv-url", "srv-url-", "localstack-import/openapi-basepath-url.yaml", "prepend" },
        { "test_import_rest_api_with_base_path_oas30[split]", "get-resources-oas30-srv-url", "srv-url-", "localstack-import/openapi-basepath-url.yaml", "split" },
        { "test_import_with_global_api_key_authorizer", "resources", "", "localstack-import/openapi.spec.global-auth.json", "ignore" },
        { "test_import_with_circular_models", "resources", "", "localstack-import/openapi.spec.circular-ref.json", "ignore" },
        { "test_import_with_circular_models_and_request_validation", "resources", "", "localstack-import/openapi.spec.circular-ref-with-request-body.json", "ignore" },
        { "test_import_with_http_method_integration", "resources", "", "localstack-import/openapi-http-method-integration.json", "ignore" },
        { "test_import_with_cognito_auth_identity_source", "resources", "", "localstack-import/openapi.cognito-auth.json", "ignore" },
        { "test_import_with_integer_http_status_code", "resources", "", "localstack-import/openapi-method-int.spec.yaml", "ignore" },
    };

    [Theory]
    [MemberData(nameof(SnapshotCases))]
    public void ImportCreatesTheResourcesAndMethodsAwsCreated(string testName, string resourcesKey, string methodPrefix, string document, string basePath)
    {
        _ = methodPrefix;
        var result = Import(document, basePath);

        var expected = LocalStackSnapshot.Resources(testName, resourcesKey);
        var actual = result.Definition.Resources.ToDictionary(r => r.Path, r => r.Methods.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, methods) in expected)
        {
            Assert.Equal(methods, actual[path]);
        }
    }

    [Theory]
    [MemberData(nameof(SnapshotCases))]
    public void ImportedMethodsMatchWhatAwsRecorded(string testName, string resourcesKey, string methodPrefix, string document, string basePath)
    {
        var result = Import(document, basePath);
        var authorizerIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var compared = 0;
        foreach (var (path, verbs) in LocalStackSnapshot.Resources(testName, resourcesKey))
        {
            foreach (var verb in verbs)
            {
                if (LocalStackSnapshot.Method(testName, methodPrefix, path, verb) is not { } recorded)
                {
                    continue;
                }
                var method = result.Definition.Resources.Single(r => r.Path == path).Methods[verb];
                AssertMethod(recorded, method, authorizerIds);
                compared++;
            }
        }
        Assert.True(compared > 0, "the snapshot recorded no method for this case");
    }

    [Fact]
    public void PulumiSwaggerDocumentImportsTheApiSettingsAwsReturned()
    {
        var recorded = LocalStackSnapshot.Recorded("test_import_rest_api")["import_rest_api"]!;

        var result = ConformanceDocuments.Import("localstack-import/openapi.spec.pulumi.json");

        Assert.Equal(recorded["apiKeySource"]!.GetValue<string>(), result.Settings.ApiKeySource);
        Assert.Equal(recorded["binaryMediaTypes"]!.AsArray().Select(t => t!.GetValue<string>()), result.Settings.BinaryMediaTypes);
        Assert.Equal(recorded["version"]!.GetValue<string>(), result.Settings.Version);
        Assert.Equal(["/", "/just_do_it", "/{proxy+}"], CuratedConformanceImportTests.Paths(result));
        var options = CuratedConformanceImportTests.Method(result, "/{proxy+}", "OPTIONS");
        Assert.True(options.ApiKeyRequired);
        Assert.True(options.RequestParameters["method.request.path.proxy"]);
        var get = CuratedConformanceImportTests.Method(result, "/just_do_it", "GET");
        Assert.Equal(("CUSTOM", "Auth0", true), (get.AuthorizationType, get.AuthorizerId, get.ApiKeyRequired));
        Assert.Contains("x-amazon-apigateway-gateway-responses at root: stored; not enforced by this version", result.Warnings);
    }

    [Theory]
    [InlineData("test_import_swagger_api", "import-swagger", "localstack-import/petstore-authorizer.swagger.json")]
    [InlineData("test_import_with_global_api_key_authorizer", "import-swagger", "localstack-import/openapi.spec.global-auth.json")]
    [InlineData("test_import_with_cognito_auth_identity_source", "import-swagger", "localstack-import/openapi.cognito-auth.json")]
    [InlineData("test_import_with_circular_models", "import-api", "localstack-import/openapi.spec.circular-ref.json")]
    [InlineData("test_import_and_validate_rest_api[openapi.spec.tf.json]", "import_tf_rest_api", "localstack-import/openapi.spec.tf.json")]
    [InlineData("test_import_rest_apis_with_base_path_swagger[ignore]", "put-rest-api-swagger-json", "localstack-import/swagger.json")]
    public void ImportReadsTheApiSettingsAwsReturned(string testName, string contentKey, string document)
    {
        var recorded = LocalStackSnapshot.Recorded(testName)[contentKey]!;

        var result = Import(document, "ignore");

        if (!recorded["name"]!.GetValue<string>().StartsWith('<'))
        {
            Assert.Equal(recorded["name"]!.GetValue<string>(), result.Settings.Name);
        }
        Assert.Equal(recorded["description"]?.GetValue<string>(), string.IsNullOrEmpty(result.Settings.Description) ? null : result.Settings.Description);
        Assert.Equal(recorded["version"]?.GetValue<string>(), result.Settings.Version);
        Assert.Equal(recorded["apiKeySource"]!.GetValue<string>(), result.Settings.ApiKeySource ?? "HEADER");
    }

    [Theory]
    [InlineData("merge")]
    [InlineData("overwrite")]
    public void PetsDocumentCarriesTheBinaryMediaTypesPutRestApiAdds(string mode)
    {
        var recorded = LocalStackSnapshot.Recorded($"test_put_rest_api_mode_binary_media_types[{mode}]")["put-api"]!;
        var types = recorded["binaryMediaTypes"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();

        var result = ConformanceDocuments.Import("localstack-import/pets.json");

        // Overwrite shows exactly the document's types; merge adds them to the API's existing ones.
        Assert.Equal(["image/png", "image/jpg"], result.Settings.BinaryMediaTypes);
        Assert.True(result.Settings.BinaryMediaTypes.All(types.Contains));
    }

    [Fact]
    public void StageVariablesDocumentKeepsStageVariablePlaceholdersInTheUri()
    {
        var result = ConformanceDocuments.Import("localstack-import/openapi.spec.stage-variables.json");

        var integration = CuratedConformanceImportTests.Method(result, "/path1", "GET").Integration!;
        Assert.Equal("HTTP_PROXY", integration.Type);
        Assert.Equal("POST", integration.HttpMethod);
        Assert.Equal("https://${stageVariables.TestHost}/${stageVariables.testPath}?${stageVariables.querystring}", integration.Uri);
        // payloadFormatVersion has no slot in the REST model; it stays in the stored extension.
        Assert.Contains("\"payloadFormatVersion\":\"1.0\"", CuratedConformanceImportTests.Method(result, "/path1", "GET").OperationJson);
    }

    [Fact]
    public void PetstoreAuthorizerDocumentWithoutLocalStacksSubstitutionIsRejectedForItsTemplateUri()
    {
        var error = Assert.Throws<OpenApiImportException>(() => ConformanceDocuments.Import("localstack-import/petstore-authorizer.swagger.json"));

        Assert.Equal("paths./pets.get.x-amazon-apigateway-integration.uri: type http needs an absolute http:// or https:// URI, found '${uri}'", error.Message);
    }

    [Fact]
    public void PetstoreAuthorizerDocumentWarnsAboutStoredDocumentationAndAuthorizers()
    {
        var result = Import("localstack-import/petstore-authorizer.swagger.json", "ignore");

        Assert.Contains("x-amazon-apigateway-documentation at root: stored; not enforced by this version", result.Warnings);
        Assert.Contains("x-amazon-apigateway-authorizer at securityDefinitions.test-authorizer: stored; not enforced by this version", result.Warnings);
        Assert.True(result.Definition.Extensions.ContainsKey("x-amazon-apigateway-documentation"));
    }

    [Theory]
    [InlineData("openapi: 3.0.1\ninfo:\n  title: bad\n  version: '1'\npaths:\n  /a: {get: [unclosed\n", "YAML")]
    [InlineData("{\"openapi\": \"3.0.1\", \"info\": {\"title\": \"bad\", \"version\": \"1\"}, \"paths\": {", "JSON")]
    public void BadFilesAreRejectedAsInvalidOpenApiInputLikeAws(string document, string format)
    {
        var recorded = LocalStackSnapshot.Recorded("test_import_api_bad_file")[$"import-api-bad-{format.ToLowerInvariant()}-file"]!;

        var error = Assert.Throws<OpenApiImportException>(() => ConformanceDocuments.Import(System.Text.Encoding.UTF8.GetBytes(document)));

        // AWS says only "Invalid OpenAPI input."; this gateway adds where the parser stopped.
        Assert.StartsWith(recorded["message"]!.GetValue<string>().TrimEnd('.'), error.Message);
        Assert.Contains($"not valid {format} at line", error.Message);
    }

    private static OpenApiImportResult Import(string document, string basePath) =>
        ConformanceDocuments.Import(ConformanceDocuments.WithLocalStackSubstitutions(document), new OpenApiImportOptions(BasePath: basePath));

    private static void AssertMethod(JsonObject recorded, MethodDefinition method, Dictionary<string, string> authorizerIds)
    {
        Assert.Equal(recorded["authorizationType"]!.GetValue<string>(), method.AuthorizationType);
        Assert.Equal(recorded["apiKeyRequired"]!.GetValue<bool>(), method.ApiKeyRequired);
        Assert.Equal(recorded["operationName"]?.GetValue<string>(), method.OperationName);
        Assert.Equal(Strings(recorded["authorizationScopes"]), method.AuthorizationScopes);
        Assert.Equal(
            (recorded["requestParameters"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value!.GetValue<bool>()) ?? [],
            method.RequestParameters);
        if (recorded["authorizerId"]?.GetValue<string>() is { } recordedAuthorizer)
        {
            // AWS's ids are normalised; the same recorded id must map to the same scheme every time.
            Assert.NotNull(method.AuthorizerId);
            Assert.Equal(authorizerIds.GetValueOrDefault(recordedAuthorizer, method.AuthorizerId), method.AuthorizerId);
            authorizerIds[recordedAuthorizer] = method.AuthorizerId;
            Assert.Equal(1, authorizerIds.Count(p => p.Value == method.AuthorizerId));
        }
        else
        {
            Assert.Null(method.AuthorizerId);
        }

        var integration = recorded["methodIntegration"]!.AsObject();
        var actual = method.Integration!;
        Assert.Equal(integration["type"]!.GetValue<string>(), actual.Type);
        Assert.Equal(integration["httpMethod"]?.GetValue<string>(), actual.HttpMethod);
        AssertMatchesNormalised(integration["uri"]?.GetValue<string>(), actual.Uri);
        Assert.Equal(integration["passthroughBehavior"]?.GetValue<string>(), actual.PassthroughBehavior);
        Assert.Equal(integration["timeoutInMillis"]!.GetValue<int>(), actual.TimeoutInMillis);
        Assert.Equal(integration["connectionType"]?.GetValue<string>(), actual.ConnectionType);
        Assert.Equal(integration["contentHandling"]?.GetValue<string>(), actual.ContentHandling);
        Assert.Equal(
            (integration["requestParameters"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [],
            actual.RequestParameters);
        Assert.Equal(
            Keys(integration["requestTemplates"]),
            actual.RequestTemplates.Keys.Order());
        var responses = integration["integrationResponses"] as JsonObject ?? [];
        Assert.Equal(responses.Select(r => r.Key).Order(), actual.Responses.Select(r => r.StatusCode).Order());
        foreach (var (statusCode, response) in responses)
        {
            var mine = actual.Responses.Single(r => r.StatusCode == statusCode);
            Assert.Equal(
                (response!["responseParameters"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [],
                mine.ResponseParameters);
            Assert.Equal(Keys(response["responseTemplates"]), mine.ResponseTemplates.Keys.Order());
        }
    }

    private static string[] Keys(JsonNode? node) => node is JsonObject obj ? obj.Select(p => p.Key).Order().ToArray() : [];

    private static string[] Strings(JsonNode? node) => node is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToArray() : [];

    // The snapshot replaces partitions, regions, hosts and some URIs with <placeholders>.
    private static void AssertMatchesNormalised(string? recorded, string? actual)
    {
        if (recorded is null)
        {
            Assert.Null(actual);
            return;
        }
        var pattern = "^" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(recorded), "<[^>]+>", ".+") + "$";
        Assert.Matches(pattern, actual);
    }
}

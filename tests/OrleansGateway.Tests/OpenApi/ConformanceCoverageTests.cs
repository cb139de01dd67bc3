namespace OrleansGateway.Tests.OpenApi;

/// <summary>Every conformance document has import tests; a document added without one fails here.</summary>
public sealed class ConformanceCoverageTests
{
    // The documents CuratedConformanceImportTests and LocalStackConformanceImportTests assert on.
    private static readonly string[] Covered =
    [
        "curated/awsdocs_rest-request-validation-sample.swagger2.json",
        "curated/awsdocs_rest-s3-proxy-export.swagger2.json",
        "curated/localstack_http-api-lambda-authorizer-cors.openapi3.json",
        "curated/sam_http-api-jwt-cors.openapi3.cfn.json",
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

    [Fact]
    public void EveryDocumentInTheManifestHasImportTests()
    {
        Assert.Equal(ConformanceDocuments.Manifest.Order(StringComparer.Ordinal), Covered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryOpenApiFileInTheConformanceDirectoryIsInTheManifest()
    {
        var files = Directory.EnumerateFiles(ConformanceDocuments.Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ConformanceDocuments.Directory, f).Replace('\\', '/'))
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Where(f => !f.StartsWith("localstack-import/test_apigateway_import.", StringComparison.Ordinal));

        Assert.Equal(ConformanceDocuments.Manifest.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }
}

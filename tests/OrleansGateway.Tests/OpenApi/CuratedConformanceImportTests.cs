using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>The curated conformance documents: what each imports to, or why it cannot be imported.</summary>
public sealed class CuratedConformanceImportTests
{
    [Fact]
    public void RequestValidationSampleImportsValidatorsIntegrationAndResponses()
    {
        var result = ConformanceDocuments.Import("curated/awsdocs_rest-request-validation-sample.swagger2.json");

        Assert.Equal(["/", "/validation"], Paths(result));
        var post = Method(result, "/validation", "POST");
        var get = Method(result, "/validation", "GET");
        Assert.Equal("all", post.RequestValidatorName); // operation overrides the root's validator
        Assert.Equal("params-only", get.RequestValidatorName);
        Assert.Equal("HTTP", post.Integration!.Type);
        Assert.Equal("POST", post.Integration.HttpMethod);
        Assert.Equal("http://petstore-demo-endpoint.execute-api.com/petstore/pets", post.Integration.Uri);
        Assert.Equal(["2\\d{2}", "default"], post.Integration.Responses.Select(r => r.SelectionPattern));
        Assert.Equal(["200", "400"], post.Integration.Responses.Select(r => r.StatusCode));
        Assert.Equal("'static value'", post.Integration.Responses[1].ResponseParameters["method.response.header.test-method-response-header"]);
        Assert.True(post.RequestParameters["method.request.header.h1"]);
        Assert.True(get.RequestParameters["method.request.querystring.q1"]);
        Assert.Equal("NONE", post.AuthorizationType); // x-amazon-apigateway-auth {type: none}
        Assert.Contains("security scheme 'api_key' at paths./validation.post.security[0]: not defined in the document; ignored", result.Warnings);
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("x-amazon-apigateway-request-validator", StringComparison.Ordinal)); // enforced
        Assert.Contains("x-amazon-apigateway-auth at paths./validation.post: stored; not enforced by this version", result.Warnings);
        Assert.True(result.Definition.Extensions.ContainsKey("x-amazon-apigateway-request-validators"));
    }

    [Fact]
    public void S3ProxyExportImportsAwsIntegrationsWithIamAndWarnsTheyAreNotServed()
    {
        var result = ConformanceDocuments.Import("curated/awsdocs_rest-s3-proxy-export.swagger2.json");

        Assert.Equal(["/", "/{folder}", "/{folder}/{item}"], Paths(result));
        Assert.Equal(["GET", "HEAD", "PUT", "DELETE"], Method(result, "/{folder}/{item}").Keys.OrderBy(MethodOrder));
        var methods = result.Definition.Resources.SelectMany(r => r.Methods.Values).ToArray();
        Assert.Equal(8, methods.Length);
        Assert.All(methods, m => Assert.Equal("AWS", m.Integration!.Type));
        Assert.All(methods, m => Assert.Equal("AWS_IAM", m.AuthorizationType));
        Assert.Equal("arn:aws:apigateway:us-west-2:s3:path/{bucket}/{object}", Method(result, "/{folder}/{item}", "GET").Integration!.Uri);
        Assert.Equal(8, result.Warnings.Count(w => w.Contains("type aws is stored but not supported by this gateway", StringComparison.Ordinal)));
        Assert.Contains(result.Warnings, w => w.StartsWith("host: ", StringComparison.Ordinal));
    }

    [Fact]
    public void HttpApiDocumentResolvesSharedIntegrationReferenceAndLambdaAuthorizer()
    {
        var result = ConformanceDocuments.Import("curated/localstack_http-api-lambda-authorizer-cors.openapi3.json");

        Assert.Equal(["/", "/pets", "/pets/{petId}"], Paths(result));
        var post = Method(result, "/pets", "POST");
        Assert.Equal("HTTP_PROXY", post.Integration!.Type); // from components.x-amazon-apigateway-integrations.NewPet
        Assert.Equal("POST", post.Integration.HttpMethod);
        Assert.Equal("http://petstore.execute-api.us-west-1.amazonaws.com/petstore/pets", post.Integration.Uri);
        var getPet = Method(result, "/pets/{petId}", "GET");
        Assert.Equal("CUSTOM", getPet.AuthorizationType);
        Assert.Equal("myAuthorizer", getPet.AuthorizerId);
        Assert.Equal("NONE", Method(result, "/pets", "GET").AuthorizationType);
        Assert.Contains("x-amazon-apigateway-cors at root: stored; not enforced by this version", result.Warnings);
        Assert.Contains("x-amazon-apigateway-integrations at components: stored; not enforced by this version", result.Warnings);
    }

    [Fact]
    public void SamHttpApiDocumentIsRejectedForItsUnresolvedIntrinsic()
    {
        var error = Assert.Throws<OpenApiImportException>(() => ConformanceDocuments.Import("curated/sam_http-api-jwt-cors.openapi3.cfn.json"));

        Assert.StartsWith("info.title: unresolved CloudFormation intrinsic 'Ref'", error.Message);
    }

    [Fact]
    public void SamHttpApiDocumentWithIntrinsicsResolvedIsRejectedForItsHttpApiDefaultRoute()
    {
        var document = ConformanceDocuments.ResolvedCloudFormation("curated/sam_http-api-jwt-cors.openapi3.cfn.json");

        var error = Assert.Throws<OpenApiImportException>(() => ConformanceDocuments.Import(document));

        // "$default" is an HTTP API route key, not a REST resource path.
        Assert.Equal("paths.$default: a path must start with '/'", error.Message);
    }

    [Fact]
    public void SamResourcePolicyDocumentIsRejectedForItsUnresolvedIntrinsic()
    {
        var error = Assert.Throws<OpenApiImportException>(() => ConformanceDocuments.Import("curated/sam_rest-resource-policy-ip-deny.swagger2.cfn.json"));

        Assert.StartsWith("info.title: unresolved CloudFormation intrinsic 'Ref'", error.Message);
    }

    [Fact]
    public void SamResourcePolicyDocumentWithIntrinsicsResolvedImportsItsPolicy()
    {
        var result = ConformanceDocuments.Import(ConformanceDocuments.ResolvedCloudFormation("curated/sam_rest-resource-policy-ip-deny.swagger2.cfn.json"));

        Assert.Equal(["/", "/get"], Paths(result));
        var put = Method(result, "/get", "PUT");
        Assert.Equal("AWS_PROXY", put.Integration!.Type);
        Assert.Equal("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:MyFunction/invocations", put.Integration.Uri);
        var policy = JsonNode.Parse(result.Settings.Policy!)!;
        var statements = policy["Statement"]!.AsArray();
        Assert.Equal(3, statements.Count);
        Assert.Contains(statements, s => s!["Effect"]!.GetValue<string>() == "Deny" && s["Condition"]?["IpAddress"]?["aws:SourceIp"] is not null);
        Assert.Contains("execute-api:/Prod/PUT/get", result.Settings.Policy);
        Assert.DoesNotContain("x-amazon-apigateway-policy at root: stored; not enforced by this version", result.Warnings);
        Assert.Equal(policy.ToJsonString(), JsonNode.Parse(result.Definition.Extensions["x-amazon-apigateway-policy"])!.ToJsonString());
    }

    [Fact]
    public void ServerlessSamplesOpenApi3DocumentImportsAuthorizerApiKeyAndValidatorsOnEveryOperation()
    {
        var result = ConformanceDocuments.Import("curated/serverless-samples_rest-token-authorizer-apikey-validators.openapi3.yaml");

        Assert.Equal(
            ["/", "/locations", "/locations/{locationid}", "/locations/{locationid}/resources", "/locations/{locationid}/resources/{resourceid}",
             "/locations/{locationid}/resources/{resourceid}/bookings", "/users", "/users/{userid}", "/users/{userid}/bookings", "/users/{userid}/bookings/{bookingid}"],
            Paths(result));
        var methods = result.Definition.Resources.SelectMany(r => r.Methods.Values).ToArray();
        Assert.Equal(13, methods.Length);
        Assert.All(methods, m =>
        {
            Assert.Equal("CUSTOM", m.AuthorizationType);
            Assert.Equal("LambdaAuthorizer", m.AuthorizerId);
            Assert.True(m.ApiKeyRequired); // the x-api-key scheme listed next to the authorizer applies too
            Assert.Equal("AWS_PROXY", m.Integration!.Type);
            Assert.NotNull(m.RequestValidatorName);
        });
        Assert.Equal("Validate body, query string parameters, and headers", Method(result, "/locations", "PUT").RequestValidatorName);
        Assert.Equal("arn:aws:apigateway:${AwsRegion}:lambda:path/2015-03-31/functions/${LocationsFunction}/invocations", Method(result, "/locations", "GET").Integration!.Uri);
        Assert.Empty(Method(result, "/users"));
        Assert.Contains("x-amazon-apigateway-gateway-responses at root: stored; not enforced by this version", result.Warnings);
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("x-amazon-apigateway-request-validator", StringComparison.Ordinal)); // enforced
    }

    [Fact]
    public void ServerlessSamplesSwaggerTwinIsRejectedForItsUnresolvedIntrinsic()
    {
        var error = Assert.Throws<OpenApiImportException>(() =>
            ConformanceDocuments.Import("curated/serverless-samples_rest-token-authorizer-validators.swagger2.cfn.yaml"));

        Assert.StartsWith("info.title: unresolved CloudFormation intrinsic 'Fn::Sub'", error.Message);
    }

    [Fact]
    public void ServerlessSamplesSwaggerTwinWithIntrinsicsResolvedImportsTheSameApiAsTheOpenApi3Twin()
    {
        var swagger = ConformanceDocuments.Import(ConformanceDocuments.ResolvedCloudFormation("curated/serverless-samples_rest-token-authorizer-validators.swagger2.cfn.yaml"));
        var openApi3 = ConformanceDocuments.Import("curated/serverless-samples_rest-token-authorizer-apikey-validators.openapi3.yaml");

        Assert.Equal(Paths(openApi3), Paths(swagger));
        foreach (var resource in openApi3.Definition.Resources)
        {
            var twin = Method(swagger, resource.Path);
            Assert.Equal(resource.Methods.Keys.Order(), twin.Keys.Order());
            foreach (var (verb, method) in resource.Methods)
            {
                Assert.Equal(method.AuthorizationType, twin[verb].AuthorizationType);
                Assert.Equal(method.AuthorizerId, twin[verb].AuthorizerId);
                Assert.Equal(method.RequestValidatorName, twin[verb].RequestValidatorName);
                Assert.Equal(method.Integration!.Type, twin[verb].Integration!.Type);
                Assert.False(twin[verb].ApiKeyRequired); // the Swagger twin has no API-key scheme
            }
        }
        Assert.Equal("conformance-stack-API", swagger.Settings.Name);
    }

    [Fact]
    public void SmithyHttpApiDocumentAppliesRootSigV4SecurityToEveryOperation()
    {
        var result = ConformanceDocuments.Import("curated/smithy_http-api-cors.openapi3.json");

        Assert.Equal(["/", "/payload", "/payload/{id}"], Paths(result));
        Assert.Equal(["GET", "PUT", "DELETE"], Method(result, "/payload/{id}").Keys.OrderBy(MethodOrder));
        Assert.All(result.Definition.Resources.SelectMany(r => r.Methods.Values), m =>
        {
            Assert.Equal("AWS_IAM", m.AuthorizationType);
            Assert.Equal("AWS_PROXY", m.Integration!.Type);
        });
        Assert.Equal("ListPayloads", Method(result, "/payload", "GET").OperationName);
        Assert.Contains(result.Warnings, w => w.StartsWith("security at root: applied", StringComparison.Ordinal));
    }

    [Fact]
    public void SmithyCognitoDocumentImportsCognitoAuthorizerWithoutIntegration()
    {
        var result = ConformanceDocuments.Import("curated/smithy_rest-cognito-user-pools.openapi3.json");

        Assert.Equal(["/"], Paths(result));
        var get = Method(result, "/", "GET");
        Assert.Equal("COGNITO_USER_POOLS", get.AuthorizationType);
        Assert.Equal("aws.auth.cognitoUserPools", get.AuthorizerId);
        Assert.Null(get.Integration);
        Assert.Contains("paths./.get: no x-amazon-apigateway-integration; the method is created without an integration", result.Warnings);
    }

    [Fact]
    public void SmithyGatewayResponsesDocumentKeepsGatewayResponsesAndIntegrationCredentials()
    {
        var result = ConformanceDocuments.Import("curated/smithy_rest-cors-gateway-responses.openapi3.json");

        Assert.Equal(["/", "/foo"], Paths(result));
        Assert.Equal("AWS_PROXY", Method(result, "/foo", "PUT").Integration!.Type);
        Assert.Equal("AWS", Method(result, "/foo", "OPTIONS").Integration!.Type);
        var responses = JsonNode.Parse(result.Definition.Extensions["x-amazon-apigateway-gateway-responses"])!;
        Assert.Equal(403, responses["ACCESS_DENIED"]!["statusCode"]!.GetValue<int>());
        // Fields the model has no slot for stay in the operation's stored integration.
        var operation = JsonNode.Parse(Method(result, "/foo", "PUT").OperationJson!)!;
        Assert.Equal("arn:aws:iam::123456789012:role/Foo", operation["x-amazon-apigateway-integration"]!["credentials"]!.GetValue<string>());
    }

    internal static string[] Paths(OpenApiImportResult result) => result.Definition.Resources.Select(r => r.Path).ToArray();

    internal static IReadOnlyDictionary<string, MethodDefinition> Method(OpenApiImportResult result, string path) =>
        result.Definition.Resources.Single(r => r.Path == path).Methods;

    internal static MethodDefinition Method(OpenApiImportResult result, string path, string verb) => Method(result, path)[verb];

    private static int MethodOrder(string verb) => Array.IndexOf(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "ANY"], verb);
}

using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.Security.SigV4;
using OrleansGateway.Tests.TestSupport;

// Not "OrleansGateway.Tests.Iam": that namespace would hide the policy tests' static Iam(...) request builder.
namespace OrleansGateway.Tests.IamTests;

/// <summary>
/// AWS_IAM methods on a whole dev-mode edge (GET /hello and /secret are AWS_IAM, /open is NONE): callers made through the IAM query API sign data-plane
/// requests; each test makes its own API and user.
/// </summary>
public sealed class IamDataPlaneTests(InProcessDevEdge edge) : IClassFixture<InProcessDevEdge>
{
    [Fact]
    public async Task An_allowed_caller_gets_200_and_a_caller_whose_policy_denies_the_method_gets_403_with_an_explicit_deny()
    {
        var apiId = await IamApiAsync();
        var caller = await CallerAsync(apiId, $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:000000000000:{{apiId}}/prod/*"},
              {"Effect":"Deny","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:000000000000:{{apiId}}/prod/GET/secret"}]}
            """);

        using var allowed = await SignedGetAsync(apiId, "/prod/hello", caller);
        using var denied = await SignedGetAsync(apiId, "/prod/secret", caller);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await ResponseAssertions.AssertGatewayErrorAsync(denied, HttpStatusCode.Forbidden,
            $"User: {caller.UserArn} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:000000000000:{apiId}/prod/GET/secret with an explicit deny",
            "AccessDeniedException");
    }

    [Fact]
    public async Task The_callers_identity_reaches_the_backend_through_context_identity_mappings_and_its_signature_does_not()
    {
        await using var backend = await EchoBackend.StartAsync();
        var apiId = await IamApiAsync(backend.Url);
        var caller = await CallerAsync(apiId, AllowAll(apiId));

        using var response = await SignedGetAsync(apiId, "/prod/whoami", caller);

        var headers = (await ResponseAssertions.EchoAsync(response)).GetProperty("headers");
        Assert.Equal(caller.UserArn, headers.GetProperty("x-caller-arn").GetString());
        Assert.Equal(caller.Signer.AccessKeyId, headers.GetProperty("x-caller-key").GetString());
        Assert.Equal("000000000000", headers.GetProperty("x-caller-account").GetString());
        Assert.False(headers.TryGetProperty("authorization", out _));
    }

    [Fact]
    public async Task A_caller_without_any_policy_is_denied_and_an_unsigned_request_is_missing_its_token()
    {
        var apiId = await IamApiAsync();
        var caller = await CallerAsync(apiId, policy: null);

        using var denied = await SignedGetAsync(apiId, "/prod/hello", caller);
        using var unsigned = await edge.GetAsync(apiId, "/prod/hello");

        await ResponseAssertions.AssertGatewayErrorAsync(denied, HttpStatusCode.Forbidden,
            $"User: {caller.UserArn} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:000000000000:{apiId}/prod/GET/hello",
            "AccessDeniedException");
        await ResponseAssertions.AssertGatewayErrorAsync(unsigned, HttpStatusCode.Forbidden, "Missing Authentication Token", "MissingAuthenticationTokenException");
    }

    [Fact]
    public async Task A_deleted_access_key_is_an_invalid_security_token_within_a_second()
    {
        var apiId = await IamApiAsync();
        var caller = await CallerAsync(apiId, AllowAll(apiId));
        using (var before = await SignedGetAsync(apiId, "/prod/hello", caller))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var iam = Iam();
        await iam.OkAsync("DeleteAccessKey", ("UserName", caller.UserName), ("AccessKeyId", caller.Signer.AccessKeyId));
        await Task.Delay(TimeSpan.FromSeconds(1));

        using var after = await SignedGetAsync(apiId, "/prod/hello", caller);
        await ResponseAssertions.AssertGatewayErrorAsync(after, HttpStatusCode.Forbidden,
            "The security token included in the request is invalid.", "InvalidSignatureException");
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 garbage")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=zz")]
    [InlineData("Bearer something")]
    public async Task Malformed_signatures_are_403_invalid_signature_and_never_reach_the_backend(string authorization)
    {
        var apiId = await IamApiAsync();

        using var response = await edge.GetAsync(apiId, "/prod/hello", h => h.TryAddWithoutValidation("Authorization", authorization));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("x-amzn-ErrorType").Single(), new[] { "InvalidSignatureException", "MissingAuthenticationTokenException" });
        Assert.DoesNotContain("hello", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_absurdly_long_access_key_id_is_an_invalid_security_token()
    {
        var apiId = await IamApiAsync();
        var caller = new IamTestCaller("nobody", "arn:aws:iam::000000000000:user/nobody",
            new TestSigV4Signer("AKIA" + new string('A', 4000), "secret", "us-east-1", "execute-api"));

        using var response = await SignedGetAsync(apiId, "/prod/hello", caller);

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden,
            "The security token included in the request is invalid.", "InvalidSignatureException");
    }

    [Fact]
    public async Task Iam_errors_are_xml_in_iams_namespace_with_the_right_status()
    {
        using var iam = Iam();

        var (missingStatus, missing) = await iam.SendAsync("GetUser", ("UserName", "nobody-" + Guid.NewGuid().ToString("N")[..8]));
        var (unknownStatus, unknown) = await iam.SendAsync("CreateRole", ("RoleName", "r"));
        var (badStatus, bad) = await iam.SendAsync("UpdateAccessKey", ("UserName", "u"), ("AccessKeyId", "AKIAAAAAAAAAAAAAAAAA"), ("Status", "Sleeping"));

        Assert.Equal(HttpStatusCode.NotFound, missingStatus);
        Assert.Equal("NoSuchEntity", missing!.Root!.Element(IamQueryClient.Iam + "Error")!.Element(IamQueryClient.Iam + "Code")!.Value);
        Assert.Equal("Sender", missing.Root.Element(IamQueryClient.Iam + "Error")!.Element(IamQueryClient.Iam + "Type")!.Value);
        Assert.NotEmpty(missing.Root.Element(IamQueryClient.Iam + "RequestId")!.Value);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus);
        Assert.Equal("InvalidAction", unknown!.Root!.Element(IamQueryClient.Iam + "Error")!.Element(IamQueryClient.Iam + "Code")!.Value);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("ValidationError", bad!.Root!.Element(IamQueryClient.Iam + "Error")!.Element(IamQueryClient.Iam + "Code")!.Value);
    }

    [Fact]
    public async Task Post_root_signed_for_apigateway_is_an_unknown_operation_not_an_iam_call()
    {
        using var asApiGateway = new IamQueryClient($"http://127.0.0.1:{edge.ManagementPort}", InProcessDevEdge.AccessKeyId, InProcessDevEdge.SecretAccessKey, "apigateway");

        var (status, _) = await asApiGateway.SendAsync("ListUsers");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private IamQueryClient Iam() => new($"http://127.0.0.1:{edge.ManagementPort}", InProcessDevEdge.AccessKeyId, InProcessDevEdge.SecretAccessKey);

    private static string AllowAll(string apiId) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:{{apiId}}/*"}]}""";

    private async Task<IamTestCaller> CallerAsync(string apiId, string? policy)
    {
        using var iam = Iam();
        var userName = "caller-" + apiId;
        var user = await iam.OkAsync("CreateUser", ("UserName", userName));
        if (policy is not null)
        {
            await iam.OkAsync("PutUserPolicy", ("UserName", userName), ("PolicyName", "invoke"), ("PolicyDocument", policy));
        }
        var key = (await iam.OkAsync("CreateAccessKey", ("UserName", userName))).Element(IamQueryClient.Iam + "AccessKey")!;
        var signer = new TestSigV4Signer(
            key.Element(IamQueryClient.Iam + "AccessKeyId")!.Value, key.Element(IamQueryClient.Iam + "SecretAccessKey")!.Value, "us-east-1", "execute-api");
        return new IamTestCaller(userName, user.Descendants(IamQueryClient.Iam + "Arn").Single().Value, signer);
    }

    private async Task<HttpResponseMessage> SignedGetAsync(string apiId, string stageAndPath, IamTestCaller caller)
    {
        var signedUri = new Uri($"http://{apiId}.execute-api.localhost{stageAndPath}");
        var headers = caller.Signer.SignHeaders("GET", signedUri, [], DateTimeOffset.UtcNow);
        return await edge.GetAsync(apiId, stageAndPath, h =>
        {
            foreach (var (name, value) in headers)
            {
                h.TryAddWithoutValidation(name, value);
            }
        });
    }

    /// <summary>
    /// An API whose GET /hello and GET /secret are AWS_IAM mocks and GET /open is open, deployed to prod;
    /// with a backend, GET /whoami is an AWS_IAM HTTP_PROXY to it that maps the caller's identity to headers.
    /// </summary>
    private async Task<string> IamApiAsync(string? backend = null)
    {
        static object Mock(string body, string authorizationType = "AWS_IAM") => new Dictionary<string, object>
        {
            ["x-amazon-apigateway-auth"] = new { type = authorizationType },
            ["responses"] = new Dictionary<string, object> { ["200"] = new { description = "ok" } },
            ["x-amazon-apigateway-integration"] = new
            {
                type = "mock",
                requestTemplates = new Dictionary<string, string> { ["application/json"] = """{"statusCode": 200}""" },
                responses = new { @default = new { statusCode = "200", responseTemplates = new Dictionary<string, string> { ["application/json"] = body } } },
            },
        };
        var document = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["openapi"] = "3.0.1",
            ["info"] = new { title = "iam", version = "1" },
            ["paths"] = new Dictionary<string, object>
            {
                ["/hello"] = new { get = Mock("hello") },
                ["/secret"] = new { get = Mock("secret") },
                ["/open"] = new { get = Mock("open", "NONE") },
                ["/whoami"] = new
                {
                    get = new Dictionary<string, object>
                    {
                        ["x-amazon-apigateway-auth"] = new { type = "AWS_IAM" },
                        ["responses"] = new Dictionary<string, object> { ["200"] = new { description = "ok" } },
                        ["x-amazon-apigateway-integration"] = new
                        {
                            type = "http_proxy", httpMethod = "GET", uri = (backend ?? "http://127.0.0.1:9") + "/whoami",
                            requestParameters = new Dictionary<string, string>
                            {
                                ["integration.request.header.x-caller-arn"] = "context.identity.userArn",
                                ["integration.request.header.x-caller-key"] = "context.identity.accessKey",
                                ["integration.request.header.x-caller-account"] = "context.identity.accountId",
                            },
                        },
                    },
                },
            },
        });
        using var management = edge.Management();
        var apiId = await management.ImportAsync(document);
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());
        // Deployments reach the edge asynchronously: wait for the open method (an unknown route would also answer 403).
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var probe = await edge.GetAsync(apiId, "/prod/open");
            if (probe.StatusCode == HttpStatusCode.OK)
            {
                break;
            }
            await Task.Delay(50);
        }
        return apiId;
    }

    private sealed record IamTestCaller(string UserName, string UserArn, TestSigV4Signer Signer);
}

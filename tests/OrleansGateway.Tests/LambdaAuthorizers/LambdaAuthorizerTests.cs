using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OrleansGateway.Tests.LambdaAuthorizers;

/// <summary>TOKEN and REQUEST authorizers on a real edge, against a real function, as a caller sees them.</summary>
public sealed class LambdaAuthorizerTests(LambdaAuthorizerFixture fixture) : IClassFixture<LambdaAuthorizerFixture>
{
    private const int Ttl = 300;
    private AuthorizerFunction Function => fixture.Function;

    private static string Token(string kind) => $"Bearer {kind}-{Guid.NewGuid():N}";

    private async Task<HttpResponseMessage> SendAsync(string apiId, HttpMethod method, string path, string? authorization = null, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(method, $"http://127.0.0.1:{fixture.Edge.DataPort}{path}");
        request.Headers.Host = $"{apiId}.execute-api.localhost";
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        headers?.Invoke(request.Headers);
        return await fixture.Edge.Data.SendAsync(request);
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("message");
        return message.ValueKind == JsonValueKind.Null ? null : message.GetString();
    }

    [Fact]
    public async Task Token_allowed_reaches_the_backend_with_principal_and_context_and_is_called_once_per_ttl()
    {
        var apiId = await fixture.ApiAsync(Ttl);
        var token = Token("allow");

        using var first = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);
        using var second = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var echo = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        var headers = echo.RootElement.GetProperty("headers");
        Assert.Equal("user-" + token["Bearer ".Length..], headers.GetProperty("x-user").GetString());
        Assert.Equal("gold", headers.GetProperty("x-tier").GetString());
        Assert.Equal("7", headers.GetProperty("x-n").GetString());
        Assert.Equal(1, Function.CallsFor(token));
        var sent = Function.Events.Last(e => AuthorizerFunction.IdentityOf(e) == token);
        Assert.Equal("TOKEN", sent.GetProperty("type").GetString());
        Assert.Equal(token, sent.GetProperty("authorizationToken").GetString());
        Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{apiId}/prod/GET/pets", sent.GetProperty("methodArn").GetString());
    }

    [Fact]
    public async Task Token_denied_by_its_policy_gets_403_explicit_deny()
    {
        var apiId = await fixture.ApiAsync(Ttl);

        using var response = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", Token("deny"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("User is not authorized to access this resource with an explicit deny", await MessageAsync(response));
    }

    [Fact]
    public async Task Cached_policy_for_one_method_is_evaluated_per_method_so_another_method_gets_403()
    {
        var apiId = await fixture.ApiAsync(Ttl);
        var token = Token("getonly");

        using var get = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);
        using var post = await SendAsync(apiId, HttpMethod.Post, "/prod/pets", token);
        using var getAgain = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("User is not authorized to access this resource", await MessageAsync(post));
        Assert.Equal(HttpStatusCode.OK, getAgain.StatusCode);
        Assert.Equal(1, Function.CallsFor(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer UPPER-case")]
    [InlineData("Bearer allow-x trailing")]
    public async Task Missing_or_malformed_token_gets_401_without_calling_the_function(string? authorization)
    {
        var apiId = await fixture.ApiAsync(Ttl);
        var before = Function.TotalCalls;

        using var response = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", await MessageAsync(response));
        Assert.Equal(before, Function.TotalCalls);
    }

    [Theory]
    [InlineData("unauth")]
    [InlineData("thrown")]
    public async Task Function_saying_Unauthorized_gets_401(string kind)
    {
        var apiId = await fixture.ApiAsync(Ttl);
        var token = Token(kind);

        using var response = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", await MessageAsync(response));
        Assert.Equal(1, Function.CallsFor(token));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("big")]
    [InlineData("object")]
    [InlineData("lambdaerror")]
    public async Task Unusable_answer_gets_500_with_null_message_and_is_not_cached(string kind)
    {
        var apiId = await fixture.ApiAsync(Ttl);
        var token = Token(kind);

        using var first = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);
        using var second = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Null(await MessageAsync(first));
        Assert.Equal("AuthorizerConfigurationException", first.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(2, Function.CallsFor(token));
    }

    [Fact]
    public async Task Function_slower_than_the_call_timeout_gets_500_after_the_timeout()
    {
        var apiId = await fixture.ApiAsync(Ttl);
        var clock = Stopwatch.StartNew();

        using var response = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", Token("slow"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("AuthorizerFailureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task Usage_identifier_key_from_the_authorizer_is_the_api_key_of_an_authorizer_key_source_api()
    {
        var apiId = await fixture.ApiAsync(Ttl);
        using var management = fixture.Edge.Management();
        var key = "k" + Guid.NewGuid().ToString("N");
        var keyId = (await management.SendJsonAsync(HttpMethod.Post, "/apikeys", new { name = "tenant", enabled = true, value = key })).GetProperty("id").GetString()!;
        var planId = (await management.SendJsonAsync(HttpMethod.Post, "/usageplans", new { name = "plan", apiStages = new[] { new { apiId, stage = "prod" } } }))
            .GetProperty("id").GetString()!;
        await management.SendJsonAsync(HttpMethod.Post, $"/usageplans/{planId}/keys", new { keyId, keyType = "API_KEY" });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        HttpStatusCode status;
        do
        {
            // The plan and key reach the edge asynchronously; the authorizer result is cached after the first call.
            using var response = await SendAsync(apiId, HttpMethod.Get, "/prod/keyed", $"Bearer keyed-{key}");
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(100);
            }
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        using var unknown = await SendAsync(apiId, HttpMethod.Get, "/prod/keyed", $"Bearer keyed-k{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal("Forbidden", await MessageAsync(unknown));
    }

    [Fact]
    public async Task Request_authorizer_with_header_and_query_sources_is_called_once_per_identity()
    {
        var apiId = await fixture.ApiAsync(Ttl);
        var tenant = "t" + Guid.NewGuid().ToString("N");
        void Tenant(HttpRequestHeaders headers) => headers.Add("X-Tenant", tenant);

        using var first = await SendAsync(apiId, HttpMethod.Get, "/prod/tenant?user=bob", headers: Tenant);
        using var second = await SendAsync(apiId, HttpMethod.Get, "/prod/tenant?user=bob", headers: Tenant);
        using var otherUser = await SendAsync(apiId, HttpMethod.Get, "/prod/tenant?user=eve", headers: Tenant);
        var before = Function.TotalCalls;
        using var noQuery = await SendAsync(apiId, HttpMethod.Get, "/prod/tenant", headers: Tenant);
        using var noHeader = await SendAsync(apiId, HttpMethod.Get, "/prod/tenant?user=bob");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        Assert.Equal(1, Function.CallsFor($"{tenant}:bob"));
        Assert.Equal(1, Function.CallsFor($"{tenant}:eve"));
        Assert.Equal(HttpStatusCode.Unauthorized, noQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noHeader.StatusCode);
        Assert.Equal(before, Function.TotalCalls);
        var sent = Function.Events.Last(e => AuthorizerFunction.IdentityOf(e) == $"{tenant}:bob");
        Assert.Equal("REQUEST", sent.GetProperty("type").GetString());
        Assert.Equal("/tenant", sent.GetProperty("resource").GetString());
        Assert.Equal("bob", sent.GetProperty("multiValueQueryStringParameters").GetProperty("user")[0].GetString());
        Assert.Equal("prod", sent.GetProperty("requestContext").GetProperty("stage").GetString());
        Assert.Equal(apiId, sent.GetProperty("requestContext").GetProperty("apiId").GetString());
    }

    [Fact]
    public async Task Ttl_zero_calls_the_function_for_every_request()
    {
        var apiId = await fixture.ApiAsync(0);
        var token = Token("allow");

        for (var i = 0; i < 3; i++)
        {
            using var response = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, Function.CallsFor(token));
    }

    [Fact]
    public async Task Expired_cached_result_is_fetched_again()
    {
        var apiId = await fixture.ApiAsync(1);
        var token = Token("allow");

        using var first = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);
        using var cached = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);
        var callsWhileCached = Function.CallsFor(token);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var afterExpiry = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterExpiry.StatusCode);
        Assert.Equal(1, callsWhileCached);
        Assert.Equal(2, Function.CallsFor(token));
    }

    [Fact]
    public async Task Invocation_arn_resolves_through_configuration_and_an_open_breaker_refuses_without_calling()
    {
        var apiId = await fixture.ApiAsync(Ttl, LambdaAuthorizerFixture.FunctionArnUri);
        var allowed = Token("allow");
        using var viaArn = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", allowed);
        Assert.Equal(HttpStatusCode.OK, viaArn.StatusCode);

        // Four 5xx answers out of five calls open this function's breaker (minimum throughput 4, ratio 0.5).
        for (var i = 0; i < 4; i++)
        {
            using var crash = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", Token("crash"));
            Assert.Equal(HttpStatusCode.InternalServerError, crash.StatusCode);
        }
        var fresh = Token("allow");
        using var refused = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", fresh);

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal("AuthorizerFailureException", refused.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(0, Function.CallsFor(fresh));
        // The other function URL has its own breaker and still answers.
        var other = await fixture.ApiAsync(Ttl);
        using var elsewhere = await SendAsync(other, HttpMethod.Get, "/prod/pets", Token("allow"));
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Payload_2_simple_response_authorizes_or_answers_403_Forbidden_and_is_cached()
    {
        var apiId = await fixture.ApiAsync(Ttl);
        var good = "ok" + Guid.NewGuid().ToString("N");
        var bad = "no" + Guid.NewGuid().ToString("N");
        var before = Function.TotalCalls;

        using var missing = await SendAsync(apiId, HttpMethod.Get, "/prod/simple");
        var callsForMissing = Function.TotalCalls - before;
        using var first = await SendAsync(apiId, HttpMethod.Get, "/prod/simple", headers: h => h.Add("x-tenant", good));
        using var second = await SendAsync(apiId, HttpMethod.Get, "/prod/simple", headers: h => h.Add("x-tenant", good));
        using var refused = await SendAsync(apiId, HttpMethod.Get, "/prod/simple", headers: h => h.Add("x-tenant", bad));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(0, callsForMissing);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, Function.CallsFor(good));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Forbidden", await MessageAsync(refused));
        var sent = Function.Events.Last(e => AuthorizerFunction.IdentityOf(e) == good);
        Assert.Equal("2.0", sent.GetProperty("version").GetString());
        Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{apiId}/prod/GET/simple", sent.GetProperty("routeArn").GetString());
        Assert.Equal(good, sent.GetProperty("identitySource")[0].GetString());
        Assert.Equal("GET /simple", sent.GetProperty("routeKey").GetString());
    }

    [Fact]
    public async Task Invocation_arn_of_an_unmapped_function_gets_500_configuration_error_without_a_call()
    {
        var apiId = await fixture.ApiAsync(Ttl, LambdaAuthorizerFixture.FunctionArnUri.Replace(LambdaAuthorizerFixture.FunctionName, "not-configured", StringComparison.Ordinal));
        var before = Function.TotalCalls;

        using var response = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", Token("allow"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(await MessageAsync(response));
        Assert.Equal("AuthorizerConfigurationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(before, Function.TotalCalls);
    }

    [Fact]
    public async Task Resource_policy_explicit_deny_refuses_before_the_function_is_called_and_its_allow_combines_with_the_authorizer()
    {
        const string policy = """
            { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*/*/*" },
              { "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*/POST/pets" } ] }
            """;
        var apiId = await fixture.ApiAsync(Ttl, resourcePolicy: policy);
        var token = Token("allow");
        var denyingToken = Token("deny");

        using var post = await SendAsync(apiId, HttpMethod.Post, "/prod/pets", token);
        var callsAfterPost = Function.CallsFor(token);
        using var get = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", token);
        using var authorizerDenies = await SendAsync(apiId, HttpMethod.Get, "/prod/pets", denyingToken);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.EndsWith("with an explicit deny", await MessageAsync(post), StringComparison.Ordinal);
        Assert.Equal(0, callsAfterPost);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, authorizerDenies.StatusCode);
        Assert.EndsWith("with an explicit deny", await MessageAsync(authorizerDenies), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("allow", 200)]
    [InlineData("deny", 403)]
    [InlineData("unauth", 401)]
    [InlineData("garbage", 500)]
    [InlineData(null, 401)]
    public async Task Test_invoke_authorizer_calls_the_function_and_reports_what_a_caller_would_get(string? kind, int clientStatus)
    {
        var apiId = await fixture.ApiAsync(Ttl);
        var authorizerId = OrleansGateway.Edge.Management.OpenApi.AuthorizerDefinitionReader.IdFor("tok");
        var token = kind is null ? null : Token(kind);
        using var management = fixture.Edge.Management();
        var before = Function.TotalCalls;

        var result = await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/authorizers/{authorizerId}",
            token is null ? new { headers = new Dictionary<string, string>() } : new { headers = new Dictionary<string, string> { ["Authorization"] = token } });

        Assert.Equal(clientStatus, result.GetProperty("clientStatus").GetInt32());
        Assert.Equal(token is null ? 0 : 1, Function.TotalCalls - before);
        if (clientStatus == 200)
        {
            Assert.Equal("user-" + token!["Bearer ".Length..], result.GetProperty("principalId").GetString());
            Assert.Equal("gold", result.GetProperty("authorization").GetProperty("tier")[0].GetString());
            var sent = Function.Events.Last(e => AuthorizerFunction.IdentityOf(e) == token);
            Assert.Equal($"arn:aws:execute-api:us-east-1:000000000000:{apiId}/test-invoke-stage/GET/", sent.GetProperty("methodArn").GetString());
        }
    }
}

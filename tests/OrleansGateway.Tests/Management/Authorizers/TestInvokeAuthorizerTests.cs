using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansGateway.Edge.Management.Authorizers;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.Management.Authorizers;

/// <summary>TestInvokeAuthorizer's wire shape, with a test-only invoker standing in for the real one.</summary>
public sealed class TestInvokeAuthorizerTests(TestInvokeAuthorizerTests.Fixture fixture) : IClassFixture<TestInvokeAuthorizerTests.Fixture>
{
    private readonly HttpClient _http = fixture.Http;

    /// <summary>The management API fixture with <see cref="EchoingAuthorizerTestInvoker"/> registered.</summary>
    public sealed class Fixture : ManagementApiFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IAuthorizerTestInvoker, EchoingAuthorizerTestInvoker>();
    }

    [Fact]
    public async Task Returns_api_gateways_test_invoke_authorizer_response_from_the_invoker()
    {
        var apiId = await _http.CreateApiAsync();
        var authorizerId = await CreateAuthorizerAsync(apiId, """{"name":"tokens","type":"TOKEN","authorizerUri":"http://127.0.0.1:9/a","identitySource":"method.request.header.Authorization"}""");

        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers/{authorizerId}", Json("""
            {"headers":{"Authorization":"allow-me"},"multiValueHeaders":{"X-Tag":["a","b"]},
             "pathWithQueryString":"/pets?limit=1","body":"{}","stageVariables":{"env":"test"},"additionalContext":{"k":"v"}}
            """));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var result = await response.ReadJsonAsync();
        Assert.Equal(200, result.GetProperty("clientStatus").GetInt32());
        Assert.Equal(7, result.GetProperty("latency").GetInt64());
        Assert.Equal("allow-me", result.GetProperty("principalId").GetString());
        Assert.Equal($"tokens@{apiId}", result.GetProperty("log").GetString());
        Assert.Contains("execute-api:Invoke", result.GetProperty("policy").GetString(), StringComparison.Ordinal);
        var authorization = result.GetProperty("authorization");
        Assert.Equal(["/pets?limit=1"], authorization.GetProperty("path").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["a", "b"], authorization.GetProperty("X-Tag").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["test"], authorization.GetProperty("env").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("v", result.GetProperty("claims").GetProperty("k").GetString());
    }

    [Fact]
    public async Task An_invoker_that_cannot_test_the_type_is_400_and_an_unknown_authorizer_is_404()
    {
        var apiId = await _http.CreateApiAsync();
        var pool = await CreateAuthorizerAsync(apiId, """{"name":"pool","type":"COGNITO_USER_POOLS","providerARNs":["arn:pool"]}""");

        using var unsupported = await _http.PostAsync($"/restapis/{apiId}/authorizers/{pool}", Json("{}"));
        using var unknown = await _http.PostAsync($"/restapis/{apiId}/authorizers/zzzzzz", Json("{}"));

        Assert.Equal("TestInvokeAuthorizer is not supported for authorizer type COGNITO_USER_POOLS",
            await unsupported.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException"));
        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    private async Task<string> CreateAuthorizerAsync(string apiId, string body)
    {
        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json(body));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>Answers from the input alone, so the test can see every member reach the invoker and come back.</summary>
    private sealed class EchoingAuthorizerTestInvoker : IAuthorizerTestInvoker
    {
        public Task<AuthorizerTestInvocation> InvokeAsync(string restApiId, AuthorizerDefinition authorizer, TestInvokeAuthorizerInput input, CancellationToken ct)
        {
            if (authorizer.Type != AuthorizerDefinition.Token)
            {
                throw new NotSupportedException();
            }
            var authorization = new Dictionary<string, IReadOnlyList<string>>
            {
                ["path"] = [input.PathWithQueryString ?? "/"],
                ["env"] = [input.StageVariables["env"]],
            };
            foreach (var (name, values) in input.MultiValueHeaders)
            {
                authorization[name] = values;
            }
            return Task.FromResult(new AuthorizerTestInvocation(
                200,
                $"{authorizer.Name}@{restApiId}",
                7,
                input.Headers["Authorization"],
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""",
                authorization,
                input.AdditionalContext));
        }
    }
}

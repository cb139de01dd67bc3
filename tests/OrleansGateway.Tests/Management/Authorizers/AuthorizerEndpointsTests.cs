using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.Management.Authorizers;

[Collection(ManagementApiCollection.Name)]
public sealed class AuthorizerEndpointsTests(ManagementApiFixture fixture)
{
    private const string TokenAuthorizer = """
        {"name":"tokens","type":"TOKEN","authorizerUri":"http://127.0.0.1:9/authorize",
         "identitySource":"method.request.header.Authorization","identityValidationExpression":"^Bearer .+$",
         "authorizerResultTtlInSeconds":60,"authType":"custom"}
        """;

    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Create_returns_201_with_api_gateways_authorizer_shape()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json(TokenAuthorizer));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var authorizer = await response.ReadJsonAsync();
        Assert.Matches("^[a-z0-9]{6}$", authorizer.GetProperty("id").GetString()!);
        Assert.Equal("tokens", authorizer.GetProperty("name").GetString());
        Assert.Equal("TOKEN", authorizer.GetProperty("type").GetString());
        Assert.Equal("http://127.0.0.1:9/authorize", authorizer.GetProperty("authorizerUri").GetString());
        Assert.Equal("method.request.header.Authorization", authorizer.GetProperty("identitySource").GetString());
        Assert.Equal("^Bearer .+$", authorizer.GetProperty("identityValidationExpression").GetString());
        Assert.Equal(60, authorizer.GetProperty("authorizerResultTtlInSeconds").GetInt32());
        Assert.Equal("custom", authorizer.GetProperty("authType").GetString());
        foreach (var omitted in new[] { "providerARNs", "jwtConfiguration", "authorizerCredentials", "enableSimpleResponses" })
        {
            Assert.False(authorizer.TryGetProperty(omitted, out _), $"{omitted} should be omitted");
        }
    }

    [Fact]
    public async Task Create_defaults_the_ttl_to_300_and_a_cognito_token_to_the_authorization_header()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json("""
            {"name":"pool","type":"COGNITO_USER_POOLS","providerARNs":["arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc"]}
            """));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var authorizer = await response.ReadJsonAsync();
        Assert.Equal(300, authorizer.GetProperty("authorizerResultTtlInSeconds").GetInt32());
        Assert.Equal("method.request.header.Authorization", authorizer.GetProperty("identitySource").GetString());
        Assert.Equal("arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc", authorizer.GetProperty("providerARNs")[0].GetString());
    }

    [Fact]
    public async Task Create_jwt_authorizer_keeps_issuer_and_audiences_under_jwtConfiguration()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json("""
            {"name":"oidc","type":"JWT","jwtConfiguration":{"issuer":"https://issuer.example.com","audience":["app-1","app-2"]}}
            """));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var jwt = (await response.ReadJsonAsync()).GetProperty("jwtConfiguration");
        Assert.Equal("https://issuer.example.com", jwt.GetProperty("issuer").GetString());
        Assert.Equal(["app-1", "app-2"], jwt.GetProperty("audience").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Create_request_authorizer_accepts_rest_and_http_api_identity_sources_and_payload_2_0()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json("""
            {"name":"req","type":"REQUEST","authorizerUri":"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations",
             "identitySource":"method.request.header.X-Tenant, method.request.querystring.user,stageVariables.env, context.stage, $request.header.X-Id",
             "authorizerPayloadFormatVersion":"2.0","enableSimpleResponses":true}
            """));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var authorizer = await response.ReadJsonAsync();
        Assert.Equal("method.request.header.X-Tenant,method.request.querystring.user,stageVariables.env,context.stage,$request.header.X-Id",
            authorizer.GetProperty("identitySource").GetString());
        Assert.Equal("2.0", authorizer.GetProperty("authorizerPayloadFormatVersion").GetString());
        Assert.True(authorizer.GetProperty("enableSimpleResponses").GetBoolean());
    }

    [Theory]
    [InlineData("""{"type":"TOKEN","authorizerUri":"http://a/b","identitySource":"method.request.header.A"}""", "ValidationException", "'createAuthorizerInput.name'")]
    [InlineData("""{"name":"a","type":"LAMBDA"}""", "ValidationException", "Member must satisfy enum value set: [TOKEN, REQUEST, COGNITO_USER_POOLS, JWT]")]
    [InlineData("""{"name":"a","type":"TOKEN","authorizerUri":"http://a/b","identitySource":"method.request.header.A","authorizerResultTtlInSeconds":3601}""", "BadRequestException", "Must be between 0 and 3600")]
    [InlineData("""{"name":"a","type":"TOKEN","authorizerUri":"http://a/b","identitySource":"method.request.querystring.token"}""", "BadRequestException", "A TOKEN authorizer takes exactly one method.request.header.{name}")]
    [InlineData("""{"name":"a","type":"TOKEN","identitySource":"method.request.header.A"}""", "BadRequestException", "Authorizer URI must be specified for a TOKEN authorizer")]
    [InlineData("""{"name":"a","type":"REQUEST","authorizerUri":"ftp://a/b","identitySource":"method.request.header.A"}""", "BadRequestException", "Invalid authorizer URI specified")]
    [InlineData("""{"name":"a","type":"REQUEST","authorizerUri":"http://a/b"}""", "BadRequestException", "Identity source must be specified for a REQUEST authorizer when caching is enabled")]
    [InlineData("""{"name":"a","type":"REQUEST","authorizerUri":"http://a/b","identitySource":"method.request.path.id"}""", "BadRequestException", "Invalid identity source specified: 'method.request.path.id'")]
    [InlineData("""{"name":"a","type":"REQUEST","authorizerUri":"http://a/b","identitySource":"method.request.header.A","enableSimpleResponses":true}""", "BadRequestException", "Simple responses are only supported with authorizer payload format version 2.0")]
    [InlineData("""{"name":"a","type":"COGNITO_USER_POOLS"}""", "BadRequestException", "Provider ARNs must be specified")]
    [InlineData("""{"name":"a","type":"JWT","jwtConfiguration":{"audience":["x"]}}""", "BadRequestException", "requires jwtConfiguration.issuer")]
    [InlineData("""{"name":"a","type":"TOKEN","authorizerUri":"http://a/b","identitySource":"method.request.header.A","identityValidationExpression":"(unclosed"}""", "BadRequestException", "is not a valid regular expression")]
    [InlineData("""{"name":"a","type":"TOKEN","authorizerResultTtlInSeconds":"60"}""", "SerializationException", "Invalid JSON")]
    public async Task Create_rejects_bad_input_with_api_gateways_errors(string body, string errorType, string expected)
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json(body));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, errorType);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        using var list = await _http.GetAsync($"/restapis/{apiId}/authorizers");
        Assert.Empty((await list.ReadJsonAsync()).GetProperty("item").EnumerateArray());
    }

    [Fact]
    public async Task Create_on_an_unknown_api_is_404_and_a_taken_name_is_409()
    {
        using var unknown = await _http.PostAsync("/restapis/nosuchapi1/authorizers", Json(TokenAuthorizer));
        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");

        var apiId = await _http.CreateApiAsync();
        using var first = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json(TokenAuthorizer));
        await first.AssertStatusAsync(HttpStatusCode.Created);
        using var second = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json(TokenAuthorizer));
        var message = await second.AssertErrorAsync(HttpStatusCode.Conflict, "ConflictException");
        Assert.Contains("tokens", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_beyond_ten_authorizers_is_429_limit_exceeded()
    {
        var apiId = await _http.CreateApiAsync();
        for (var i = 0; i < 10; i++)
        {
            await CreateAsync(apiId, TokenAuthorizer.Replace("\"tokens\"", $"\"a{i}\"", StringComparison.Ordinal));
        }

        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json(TokenAuthorizer));

        await response.AssertErrorAsync(HttpStatusCode.TooManyRequests, "LimitExceededException");
    }

    [Fact]
    public async Task GetAuthorizers_pages_with_item_and_position_and_GetAuthorizer_returns_one()
    {
        var apiId = await _http.CreateApiAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateAsync(apiId, TokenAuthorizer.Replace("\"tokens\"", $"\"t{i}\"", StringComparison.Ordinal))).GetProperty("id").GetString()!);
        }

        var seen = new List<string>();
        string? position = null;
        var pages = 0;
        do
        {
            using var response = await _http.GetAsync($"/restapis/{apiId}/authorizers?limit=2" + (position is null ? "" : "&position=" + position));
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var page = await response.ReadJsonAsync();
            var items = page.GetProperty("item").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(a => a.GetProperty("id").GetString()!));
            position = page.TryGetProperty("position", out var next) ? next.GetString() : null;
            pages++;
        }
        while (position is not null);

        Assert.Equal(2, pages);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
        using var one = await _http.GetAsync($"/restapis/{apiId}/authorizers/{ids[1]}");
        Assert.Equal("t1", (await one.ReadJsonAsync()).GetProperty("name").GetString());
        using var missing = await _http.GetAsync($"/restapis/{apiId}/authorizers/zzzzzz");
        var message = await missing.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid authorizer identifier specified", message);
    }

    [Fact]
    public async Task Update_applies_every_patch_path_and_returns_the_authorizer()
    {
        var apiId = await _http.CreateApiAsync();
        var id = (await CreateAsync(apiId, TokenAuthorizer)).GetProperty("id").GetString()!;

        using var response = await PatchAsync($"/restapis/{apiId}/authorizers/{id}", """
            [{"op":"replace","path":"/name","value":"renamed"},
             {"op":"replace","path":"/type","value":"REQUEST"},
             {"op":"replace","path":"/identitySource","value":"method.request.header.X-Id, method.request.querystring.tenant"},
             {"op":"remove","path":"/identityValidationExpression"},
             {"op":"replace","path":"/authorizerResultTtlInSeconds","value":"0"},
             {"op":"replace","path":"/authorizerUri","value":"https://auth.example.com/check"},
             {"op":"replace","path":"/authType","value":"custom-request"},
             {"op":"replace","path":"/authorizerCredentials","value":"arn:aws:iam::000000000000:role/invoker"}]
            """);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var updated = await response.ReadJsonAsync();
        Assert.Equal(id, updated.GetProperty("id").GetString());
        Assert.Equal("renamed", updated.GetProperty("name").GetString());
        Assert.Equal("REQUEST", updated.GetProperty("type").GetString());
        Assert.Equal("method.request.header.X-Id,method.request.querystring.tenant", updated.GetProperty("identitySource").GetString());
        Assert.False(updated.TryGetProperty("identityValidationExpression", out _));
        Assert.Equal(0, updated.GetProperty("authorizerResultTtlInSeconds").GetInt32());
        Assert.Equal("https://auth.example.com/check", updated.GetProperty("authorizerUri").GetString());
        Assert.Equal("custom-request", updated.GetProperty("authType").GetString());
        Assert.Equal("arn:aws:iam::000000000000:role/invoker", updated.GetProperty("authorizerCredentials").GetString());
        using var read = await _http.GetAsync($"/restapis/{apiId}/authorizers/{id}");
        Assert.Equal("renamed", (await read.ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Update_adds_and_removes_provider_arns()
    {
        var apiId = await _http.CreateApiAsync();
        var id = (await CreateAsync(apiId, """{"name":"pool","type":"COGNITO_USER_POOLS","providerARNs":["arn:pool:a"]}""")).GetProperty("id").GetString()!;

        using var added = await PatchAsync($"/restapis/{apiId}/authorizers/{id}", """[{"op":"add","path":"/providerARNs","value":"arn:pool:b"}]""");
        Assert.Equal(["arn:pool:a", "arn:pool:b"], (await added.ReadJsonAsync()).GetProperty("providerARNs").EnumerateArray().Select(a => a.GetString()));
        using var removed = await PatchAsync($"/restapis/{apiId}/authorizers/{id}", """[{"op":"remove","path":"/providerARNs","value":"arn:pool:a"}]""");
        Assert.Equal(["arn:pool:b"], (await removed.ReadJsonAsync()).GetProperty("providerARNs").EnumerateArray().Select(a => a.GetString()));
        using var emptied = await PatchAsync($"/restapis/{apiId}/authorizers/{id}", """[{"op":"remove","path":"/providerARNs","value":"arn:pool:b"}]""");
        var message = await emptied.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("Provider ARNs must be specified", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"op":"replace","path":"/color","value":"red"}]""", "BadRequestException", "Invalid patch path /color")]
    [InlineData("""[{"op":"add","path":"/name","value":"x"}]""", "BadRequestException", "Invalid patch operation specified. Must be one of: [replace]")]
    [InlineData("""[{"op":"replace","path":"/authorizerResultTtlInSeconds","value":"4000"}]""", "BadRequestException", "an integer between 0 and 3600")]
    [InlineData("""[{"op":"replace","path":"/type","value":"OAUTH"}]""", "ValidationException", "'updateAuthorizerInput.type'")]
    [InlineData("""[{"op":"jump","path":"/name","value":"x"}]""", "ValidationException", "patchOperations.1.member.op")]
    [InlineData("""[{"op":"replace","path":"/name","value":"new"},{"op":"replace","path":"/identitySource","value":"method.request.querystring.q"}]""", "BadRequestException", "Invalid identity source specified")]
    public async Task Update_with_a_bad_operation_is_400_and_changes_nothing(string operations, string errorType, string expected)
    {
        var apiId = await _http.CreateApiAsync();
        var id = (await CreateAsync(apiId, TokenAuthorizer)).GetProperty("id").GetString()!;

        using var response = await PatchAsync($"/restapis/{apiId}/authorizers/{id}", operations);

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, errorType);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        using var read = await _http.GetAsync($"/restapis/{apiId}/authorizers/{id}");
        var unchanged = await read.ReadJsonAsync();
        Assert.Equal("tokens", unchanged.GetProperty("name").GetString());
        Assert.Equal("method.request.header.Authorization", unchanged.GetProperty("identitySource").GetString());
    }

    [Fact]
    public async Task Delete_returns_202_and_the_authorizer_is_gone()
    {
        var apiId = await _http.CreateApiAsync();
        var id = (await CreateAsync(apiId, TokenAuthorizer)).GetProperty("id").GetString()!;

        using var deleted = await _http.DeleteAsync($"/restapis/{apiId}/authorizers/{id}");

        await deleted.AssertStatusAsync(HttpStatusCode.Accepted);
        using var read = await _http.GetAsync($"/restapis/{apiId}/authorizers/{id}");
        await read.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        using var again = await _http.DeleteAsync($"/restapis/{apiId}/authorizers/{id}");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task TestInvokeAuthorizer_without_an_invoker_is_400_naming_the_type()
    {
        var apiId = await _http.CreateApiAsync();
        var id = (await CreateAsync(apiId, TokenAuthorizer)).GetProperty("id").GetString()!;

        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers/{id}", Json("""{"headers":{"Authorization":"Bearer x"}}"""));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("TestInvokeAuthorizer is not supported for authorizer type TOKEN", message);
    }

    private async Task<JsonElement> CreateAsync(string apiId, string body)
    {
        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json(body));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    private Task<HttpResponseMessage> PatchAsync(string path, string operations) =>
        _http.PatchAsync(path, Json($$"""{"patchOperations":{{operations}}}"""));
}

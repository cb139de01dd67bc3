using System.Net;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.Management.Authorizers;

/// <summary>GetMethod/UpdateMethod with authorizers, DeleteAuthorizer's conflict, and export after a deployment.</summary>
[Collection(ManagementApiCollection.Name)]
public sealed class MethodAuthorizationEndpointsTests(ManagementApiFixture fixture)
{
    private const string ImportedWithAuthorizer = """
        {
          "openapi": "3.0.1",
          "info": { "title": "guarded", "version": "1" },
          "paths": {
            "/pets": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "security": [ { "lambda-token": [] } ],
                "x-amazon-apigateway-integration": { "type": "http_proxy", "httpMethod": "GET", "uri": "http://petstore.example.com/pets" }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "lambda-token": {
                "type": "apiKey", "name": "Authorization", "in": "header",
                "x-amazon-apigateway-authtype": "custom",
                "x-amazon-apigateway-authorizer": { "type": "token", "authorizerUri": "http://127.0.0.1:9/auth", "authorizerResultTtlInSeconds": 60 }
              }
            }
          }
        }
        """;

    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task UpdateMethod_sets_custom_authorization_scopes_api_key_and_operation_name_and_GetMethod_shows_them()
    {
        var apiId = await ImportPetstoreAsync();
        var authorizerId = await CreateAuthorizerAsync(apiId, """{"name":"tokens","type":"TOKEN","authorizerUri":"http://127.0.0.1:9/a","identitySource":"method.request.header.Authorization"}""");
        var pets = ResourceIds.For(apiId, "/pets");

        using var response = await PatchAsync($"/restapis/{apiId}/resources/{pets}/methods/GET", $$"""
            [{"op":"replace","path":"/authorizationType","value":"CUSTOM"},
             {"op":"replace","path":"/authorizerId","value":"{{authorizerId}}"},
             {"op":"add","path":"/authorizationScopes","value":"pets/read"},
             {"op":"add","path":"/authorizationScopes","value":"pets/write"},
             {"op":"remove","path":"/authorizationScopes","value":"pets/write"},
             {"op":"replace","path":"/apiKeyRequired","value":"true"},
             {"op":"replace","path":"/operationName","value":"ListPets"}]
            """);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        using var read = await _http.GetAsync($"/restapis/{apiId}/resources/{pets}/methods/GET");
        await read.AssertStatusAsync(HttpStatusCode.OK);
        foreach (var method in new[] { await response.ReadJsonAsync(), await read.ReadJsonAsync() })
        {
            Assert.Equal("GET", method.GetProperty("httpMethod").GetString());
            Assert.Equal("CUSTOM", method.GetProperty("authorizationType").GetString());
            Assert.Equal(authorizerId, method.GetProperty("authorizerId").GetString());
            Assert.Equal(["pets/read"], method.GetProperty("authorizationScopes").EnumerateArray().Select(s => s.GetString()));
            Assert.True(method.GetProperty("apiKeyRequired").GetBoolean());
            Assert.Equal("ListPets", method.GetProperty("operationName").GetString());
            Assert.Equal("HTTP_PROXY", method.GetProperty("methodIntegration").GetProperty("type").GetString());
        }
    }

    [Theory]
    [InlineData("""[{"op":"replace","path":"/authorizationType","value":"CUSTOM"}]""", "Setting the authorization type to CUSTOM requires a valid authorizer")]
    [InlineData("""[{"op":"replace","path":"/authorizationType","value":"CUSTOM"},{"op":"replace","path":"/authorizerId","value":"nope00"}]""", "Invalid authorizer ID specified")]
    [InlineData("""[{"op":"replace","path":"/authorizationType","value":"SIGNED"}]""", "Invalid value 'SIGNED' specified for /authorizationType")]
    [InlineData("""[{"op":"replace","path":"/apiKeyRequired","value":"yes"}]""", "expected true or false")]
    [InlineData("""[{"op":"replace","path":"/httpMethod","value":"POST"}]""", "Invalid patch path /httpMethod")]
    public async Task UpdateMethod_with_bad_input_is_400_and_changes_nothing(string operations, string expected)
    {
        var apiId = await ImportPetstoreAsync();
        var pets = ResourceIds.For(apiId, "/pets");

        using var response = await PatchAsync($"/restapis/{apiId}/resources/{pets}/methods/GET", operations);

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(expected, message, StringComparison.Ordinal);
        using var read = await _http.GetAsync($"/restapis/{apiId}/resources/{pets}/methods/GET");
        var method = await read.ReadJsonAsync();
        Assert.Equal("NONE", method.GetProperty("authorizationType").GetString());
        Assert.False(method.GetProperty("apiKeyRequired").GetBoolean());
    }

    [Fact]
    public async Task Cognito_authorization_needs_a_cognito_authorizer()
    {
        var apiId = await ImportPetstoreAsync();
        var token = await CreateAuthorizerAsync(apiId, """{"name":"tokens","type":"TOKEN","authorizerUri":"http://127.0.0.1:9/a","identitySource":"method.request.header.Authorization"}""");
        var pool = await CreateAuthorizerAsync(apiId, """{"name":"pool","type":"COGNITO_USER_POOLS","providerARNs":["arn:pool"]}""");
        var pets = ResourceIds.For(apiId, "/pets");

        using var mismatched = await PatchAsync($"/restapis/{apiId}/resources/{pets}/methods/GET",
            $$"""[{"op":"replace","path":"/authorizationType","value":"COGNITO_USER_POOLS"},{"op":"replace","path":"/authorizerId","value":"{{token}}"}]""");
        using var matched = await PatchAsync($"/restapis/{apiId}/resources/{pets}/methods/GET",
            $$"""[{"op":"replace","path":"/authorizationType","value":"COGNITO_USER_POOLS"},{"op":"replace","path":"/authorizerId","value":"{{pool}}"},{"op":"add","path":"/authorizationScopes","value":"email"}]""");

        var message = await mismatched.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("of type TOKEN cannot be used with authorization type COGNITO_USER_POOLS", message, StringComparison.Ordinal);
        await matched.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(pool, (await matched.ReadJsonAsync()).GetProperty("authorizerId").GetString());
    }

    [Fact]
    public async Task Jwt_authorization_takes_a_jwt_authorizer_and_replace_sets_every_scope()
    {
        var apiId = await ImportPetstoreAsync();
        var jwt = await CreateAuthorizerAsync(apiId, """{"name":"oidc","type":"JWT","jwtConfiguration":{"issuer":"https://issuer.example.com","audience":["app"]}}""");
        var pets = ResourceIds.For(apiId, "/pets");

        using var response = await PatchAsync($"/restapis/{apiId}/resources/{pets}/methods/GET",
            $$"""[{"op":"replace","path":"/authorizationType","value":"JWT"},{"op":"replace","path":"/authorizerId","value":"{{jwt}}"},{"op":"add","path":"/authorizationScopes","value":"old"},{"op":"replace","path":"/authorizationScopes","value":"pets/read, pets/write"}]""");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var method = await response.ReadJsonAsync();
        Assert.Equal("JWT", method.GetProperty("authorizationType").GetString());
        Assert.Equal(["pets/read", "pets/write"], method.GetProperty("authorizationScopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Unknown_api_resource_or_method_is_404()
    {
        var apiId = await ImportPetstoreAsync();
        var pets = ResourceIds.For(apiId, "/pets");
        const string operations = """[{"op":"replace","path":"/apiKeyRequired","value":"true"}]""";

        using var api = await PatchAsync($"/restapis/nosuchapi9/resources/{pets}/methods/GET", operations);
        using var resource = await PatchAsync($"/restapis/{apiId}/resources/zzzzzz/methods/GET", operations);
        using var method = await PatchAsync($"/restapis/{apiId}/resources/{pets}/methods/DELETE", operations);
        using var getMethod = await _http.GetAsync($"/restapis/{apiId}/resources/{pets}/methods/POST");

        await api.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Resource identifier specified", await resource.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException"));
        Assert.Equal("Invalid Method identifier specified", await method.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException"));
        Assert.Equal("Invalid Method identifier specified", await getMethod.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException"));
    }

    [Fact]
    public async Task DeleteAuthorizer_is_409_while_a_method_uses_it_and_202_once_it_does_not()
    {
        var apiId = await ImportPetstoreAsync();
        var authorizerId = await CreateAuthorizerAsync(apiId, """{"name":"tokens","type":"TOKEN","authorizerUri":"http://127.0.0.1:9/a","identitySource":"method.request.header.Authorization"}""");
        var pets = ResourceIds.For(apiId, "/pets");
        using var attach = await PatchAsync($"/restapis/{apiId}/resources/{pets}/methods/GET",
            $$"""[{"op":"replace","path":"/authorizationType","value":"CUSTOM"},{"op":"replace","path":"/authorizerId","value":"{{authorizerId}}"}]""");
        await attach.AssertStatusAsync(HttpStatusCode.OK);

        using var refused = await _http.DeleteAsync($"/restapis/{apiId}/authorizers/{authorizerId}");
        var message = await refused.AssertErrorAsync(HttpStatusCode.Conflict, "ConflictException");
        Assert.Equal("Cannot delete authorizer 'tokens', is referenced in method: GET /pets", message);

        using var detach = await PatchAsync($"/restapis/{apiId}/resources/{pets}/methods/GET", """[{"op":"replace","path":"/authorizationType","value":"NONE"}]""");
        await detach.AssertStatusAsync(HttpStatusCode.OK);
        Assert.False((await detach.ReadJsonAsync()).TryGetProperty("authorizerId", out _));
        using var deleted = await _http.DeleteAsync($"/restapis/{apiId}/authorizers/{authorizerId}");
        await deleted.AssertStatusAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Imported_authorizers_are_listed_and_the_method_names_their_id_and_renaming_keeps_the_method_attached()
    {
        using var imported = await _http.PostAsync("/restapis?mode=import", Json(ImportedWithAuthorizer));
        await imported.AssertStatusAsync(HttpStatusCode.Created);
        var apiId = (await imported.ReadJsonAsync()).GetProperty("id").GetString()!;
        var pets = ResourceIds.For(apiId, "/pets");

        using var list = await _http.GetAsync($"/restapis/{apiId}/authorizers");
        var authorizer = Assert.Single((await list.ReadJsonAsync()).GetProperty("item").EnumerateArray());
        var id = authorizer.GetProperty("id").GetString()!;
        Assert.Equal("lambda-token", authorizer.GetProperty("name").GetString());
        Assert.Equal("TOKEN", authorizer.GetProperty("type").GetString());
        Assert.Equal("method.request.header.Authorization", authorizer.GetProperty("identitySource").GetString());
        using var method = await _http.GetAsync($"/restapis/{apiId}/resources/{pets}/methods/GET");
        Assert.Equal(id, (await method.ReadJsonAsync()).GetProperty("authorizerId").GetString());

        using var renamed = await PatchAsync($"/restapis/{apiId}/authorizers/{id}", """[{"op":"replace","path":"/name","value":"tokens-v2"}]""");
        await renamed.AssertStatusAsync(HttpStatusCode.OK);
        using var after = await _http.GetAsync($"/restapis/{apiId}/resources/{pets}/methods/GET");
        var attached = await after.ReadJsonAsync();
        Assert.Equal("CUSTOM", attached.GetProperty("authorizationType").GetString());
        Assert.Equal(id, attached.GetProperty("authorizerId").GetString());
        using var refused = await _http.DeleteAsync($"/restapis/{apiId}/authorizers/{id}");
        await refused.AssertErrorAsync(HttpStatusCode.Conflict, "ConflictException");
    }

    [Fact]
    public async Task Export_of_an_imported_method_follows_an_UpdateMethod_and_is_unchanged_without_one()
    {
        using var imported = await _http.PostAsync("/restapis?mode=import", Json(ImportedWithAuthorizer.Replace("\"/pets\": {", "\"/toys\": { \"get\": { \"responses\": { \"200\": { \"description\": \"ok\" } }, \"security\": [ { \"lambda-token\": [] } ], \"x-amazon-apigateway-integration\": { \"type\": \"http_proxy\", \"httpMethod\": \"GET\", \"uri\": \"http://toys.example.com\" } } },\n\"/pets\": {", StringComparison.Ordinal)));
        await imported.AssertStatusAsync(HttpStatusCode.Created);
        var apiId = (await imported.ReadJsonAsync()).GetProperty("id").GetString()!;
        using var detach = await PatchAsync($"/restapis/{apiId}/resources/{ResourceIds.For(apiId, "/pets")}/methods/GET",
            """[{"op":"replace","path":"/authorizationType","value":"NONE"},{"op":"replace","path":"/apiKeyRequired","value":"true"}]""");
        await detach.AssertStatusAsync(HttpStatusCode.OK);
        await _http.CreateDeploymentAsync(apiId, "prod");

        var exported = await ExportAsync(apiId, "prod");

        var pets = exported.GetProperty("paths").GetProperty("/pets").GetProperty("get").GetProperty("security");
        Assert.Equal("""[{"api_key":[]}]""", pets.GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        var toys = exported.GetProperty("paths").GetProperty("/toys").GetProperty("get").GetProperty("security");
        Assert.Equal("""[{"lambda-token":[]}]""", toys.GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deployment_made_after_the_change_exports_the_authorizer_and_an_earlier_one_does_not()
    {
        var apiId = await ImportPetstoreAsync();
        await _http.CreateDeploymentAsync(apiId, "before");
        var authorizerId = await CreateAuthorizerAsync(apiId, """{"name":"tokens","type":"TOKEN","authorizerUri":"http://127.0.0.1:9/a","identitySource":"method.request.header.X-Token","authorizerResultTtlInSeconds":30}""");
        var pets = ResourceIds.For(apiId, "/pets");
        using var attach = await PatchAsync($"/restapis/{apiId}/resources/{pets}/methods/GET",
            $$"""[{"op":"replace","path":"/authorizationType","value":"CUSTOM"},{"op":"replace","path":"/authorizerId","value":"{{authorizerId}}"}]""");
        await attach.AssertStatusAsync(HttpStatusCode.OK);
        await _http.CreateDeploymentAsync(apiId, "after");

        var before = await ExportAsync(apiId, "before");
        var after = await ExportAsync(apiId, "after");

        Assert.False(before.TryGetProperty("components", out var components) && components.TryGetProperty("securitySchemes", out _));
        var scheme = after.GetProperty("components").GetProperty("securitySchemes").GetProperty("tokens");
        Assert.Equal("X-Token", scheme.GetProperty("name").GetString());
        Assert.Equal("custom", scheme.GetProperty("x-amazon-apigateway-authtype").GetString());
        var extension = scheme.GetProperty("x-amazon-apigateway-authorizer");
        Assert.Equal("token", extension.GetProperty("type").GetString());
        Assert.Equal("http://127.0.0.1:9/a", extension.GetProperty("authorizerUri").GetString());
        Assert.Equal(30, extension.GetProperty("authorizerResultTtlInSeconds").GetInt32());
    }

    private async Task<JsonElement> ExportAsync(string apiId, string stage)
    {
        using var response = await _http.GetAsync($"/restapis/{apiId}/stages/{stage}/exports/oas30?extensions=authorizers");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    private async Task<string> ImportPetstoreAsync()
    {
        using var response = await _http.PostAsync("/restapis?mode=import", Json(PetstoreDocuments.OpenApi3Json));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<string> CreateAuthorizerAsync(string apiId, string body)
    {
        using var response = await _http.PostAsync($"/restapis/{apiId}/authorizers", Json(body));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private Task<HttpResponseMessage> PatchAsync(string path, string operations) =>
        _http.PatchAsync(path, Json($$"""{"patchOperations":{{operations}}}"""));
}

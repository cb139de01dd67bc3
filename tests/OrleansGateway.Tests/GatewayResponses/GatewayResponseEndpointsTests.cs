using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.GatewayResponses;

/// <summary>Put/Get/Delete GatewayResponse and GetGatewayResponses on the management listener, in API Gateway's shapes.</summary>
[Collection(ManagementApiCollection.Name)]
public sealed class GatewayResponseEndpointsTests(ManagementApiFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Put_returns_201_with_the_stored_response_and_Get_returns_it_as_customised()
    {
        var apiId = await _http.CreateApiAsync();

        using var put = await _http.PutAsync($"/restapis/{apiId}/gatewayresponses/MISSING_AUTHENTICATION_TOKEN", Json("""
            {"statusCode":"404","responseParameters":{"gatewayresponse.header.x-why":"'no route'"},
             "responseTemplates":{"application/json":"{\"id\":\"$context.requestId\"}"}}
            """));
        using var get = await _http.GetAsync($"/restapis/{apiId}/gatewayresponses/MISSING_AUTHENTICATION_TOKEN");

        await put.AssertStatusAsync(HttpStatusCode.Created);
        await get.AssertStatusAsync(HttpStatusCode.OK);
        foreach (var response in new[] { await put.ReadJsonAsync(), await get.ReadJsonAsync() })
        {
            Assert.Equal("MISSING_AUTHENTICATION_TOKEN", response.GetProperty("responseType").GetString());
            Assert.Equal("404", response.GetProperty("statusCode").GetString());
            Assert.Equal("'no route'", response.GetProperty("responseParameters").GetProperty("gatewayresponse.header.x-why").GetString());
            Assert.Equal("{\"id\":\"$context.requestId\"}", response.GetProperty("responseTemplates").GetProperty("application/json").GetString());
            Assert.False(response.GetProperty("defaultResponse").GetBoolean());
        }
    }

    [Fact]
    public async Task Get_of_a_type_never_customised_returns_the_default_with_its_status()
    {
        var apiId = await _http.CreateApiAsync();

        using var throttled = await _http.GetAsync($"/restapis/{apiId}/gatewayresponses/THROTTLED");
        using var default4xx = await _http.GetAsync($"/restapis/{apiId}/gatewayresponses/DEFAULT_4XX");

        var body = await throttled.ReadJsonAsync();
        Assert.Equal("429", body.GetProperty("statusCode").GetString());
        Assert.True(body.GetProperty("defaultResponse").GetBoolean());
        Assert.Equal("{\"message\":$context.error.messageString}", body.GetProperty("responseTemplates").GetProperty("application/json").GetString());
        Assert.False((await default4xx.ReadJsonAsync()).TryGetProperty("statusCode", out _));
    }

    [Fact]
    public async Task GetGatewayResponses_lists_every_type_and_flags_the_customised_ones()
    {
        var apiId = await _http.CreateApiAsync();
        using (var put = await _http.PutAsync($"/restapis/{apiId}/gatewayresponses/DEFAULT_5XX", Json("""{"statusCode":"503"}""")))
        {
            await put.AssertStatusAsync(HttpStatusCode.Created);
        }

        using var list = await _http.GetAsync($"/restapis/{apiId}/gatewayresponses?limit=500");

        await list.AssertStatusAsync(HttpStatusCode.OK);
        var items = (await list.ReadJsonAsync()).GetProperty("item").EnumerateArray().ToList();
        Assert.Equal(21, items.Count);
        var customised = Assert.Single(items, i => !i.GetProperty("defaultResponse").GetBoolean());
        Assert.Equal("DEFAULT_5XX", customised.GetProperty("responseType").GetString());
        Assert.Equal("503", customised.GetProperty("statusCode").GetString());
        Assert.Contains(items, i => i.GetProperty("responseType").GetString() == "WAF_FILTERED");
    }

    [Fact]
    public async Task Delete_restores_the_default_and_a_second_delete_is_404()
    {
        var apiId = await _http.CreateApiAsync();
        using (var put = await _http.PutAsync($"/restapis/{apiId}/gatewayresponses/QUOTA_EXCEEDED", Json("""{"statusCode":"402"}""")))
        {
            await put.AssertStatusAsync(HttpStatusCode.Created);
        }

        using var delete = await _http.DeleteAsync($"/restapis/{apiId}/gatewayresponses/QUOTA_EXCEEDED");
        using var get = await _http.GetAsync($"/restapis/{apiId}/gatewayresponses/QUOTA_EXCEEDED");
        using var again = await _http.DeleteAsync($"/restapis/{apiId}/gatewayresponses/QUOTA_EXCEEDED");

        await delete.AssertStatusAsync(HttpStatusCode.Accepted);
        var body = await get.ReadJsonAsync();
        Assert.True(body.GetProperty("defaultResponse").GetBoolean());
        Assert.Equal("429", body.GetProperty("statusCode").GetString());
        await again.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Theory]
    [InlineData("NOT_A_TYPE", """{"statusCode":"404"}""")]
    [InlineData("THROTTLED", """{"statusCode":"4040"}""")]
    [InlineData("THROTTLED", """{"responseParameters":{"method.response.header.x":"'v'"}}""")]
    public async Task Put_with_an_unknown_type_or_bad_parts_is_400(string type, string body)
    {
        var apiId = await _http.CreateApiAsync();

        using var put = await _http.PutAsync($"/restapis/{apiId}/gatewayresponses/{type}", Json(body));

        await put.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Import_reads_the_extension_and_rejects_an_unknown_type()
    {
        const string Document = """
            {"openapi":"3.0.1","info":{"title":"gr","version":"1"},"paths":{},
             "x-amazon-apigateway-gateway-responses":{"%TYPE%":{"statusCode":"404","responseParameters":{"gatewayresponse.header.x-a":"'b'"}}}}
            """;
        using var imported = await _http.PostAsync("/restapis?mode=import", Json(Document.Replace("%TYPE%", "RESOURCE_NOT_FOUND", StringComparison.Ordinal)));
        using var rejected = await _http.PostAsync("/restapis?mode=import", Json(Document.Replace("%TYPE%", "NOPE", StringComparison.Ordinal)));

        await imported.AssertStatusAsync(HttpStatusCode.Created);
        var apiId = (await imported.ReadJsonAsync()).GetProperty("id").GetString();
        using var get = await _http.GetAsync($"/restapis/{apiId}/gatewayresponses/RESOURCE_NOT_FOUND");
        var body = await get.ReadJsonAsync();
        Assert.Equal("404", body.GetProperty("statusCode").GetString());
        Assert.False(body.GetProperty("defaultResponse").GetBoolean());
        await rejected.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }
    [Fact]
    public async Task Update_patches_status_headers_and_templates_of_a_default_response_which_becomes_customised()
    {
        var apiId = await _http.CreateApiAsync();

        using var patch = await _http.PatchAsync($"/restapis/{apiId}/gatewayresponses/WAF_FILTERED", Json("""
            {"patchOperations":[
              {"op":"replace","path":"/statusCode","value":"451"},
              {"op":"add","path":"/responseParameters/gatewayresponse.header.x-waf","value":"'blocked'"},
              {"op":"add","path":"/responseTemplates/application~1json","value":"{\"blocked\":true}"}]}
            """));
        using var bad = await _http.PatchAsync($"/restapis/{apiId}/gatewayresponses/WAF_FILTERED",
            Json("""{"patchOperations":[{"op":"replace","path":"/nope","value":"x"}]}"""));

        await patch.AssertStatusAsync(HttpStatusCode.OK);
        var body = await patch.ReadJsonAsync();
        Assert.Equal("451", body.GetProperty("statusCode").GetString());
        Assert.Equal("'blocked'", body.GetProperty("responseParameters").GetProperty("gatewayresponse.header.x-waf").GetString());
        Assert.Equal("{\"blocked\":true}", body.GetProperty("responseTemplates").GetProperty("application/json").GetString());
        Assert.False(body.GetProperty("defaultResponse").GetBoolean());
        await bad.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }
}

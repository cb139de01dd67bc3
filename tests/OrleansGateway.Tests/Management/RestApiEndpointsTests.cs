using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.Management;

[Collection(ManagementApiCollection.Name)]
public sealed class RestApiEndpointsTests(ManagementApiFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Create_returns_201_with_api_gateways_rest_api_shape()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await _http.PostAsync("/restapis", Json("""{"name":"pets","description":"my api","version":"v1"}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        var api = await response.ReadJsonAsync();
        var id = api.GetProperty("id").GetString()!;
        Assert.Matches("^[a-z0-9]{10}$", id);
        Assert.Equal("pets", api.GetProperty("name").GetString());
        Assert.Equal("my api", api.GetProperty("description").GetString());
        Assert.Equal("v1", api.GetProperty("version").GetString());
        Assert.Equal("HEADER", api.GetProperty("apiKeySource").GetString());
        Assert.False(api.GetProperty("disableExecuteApiEndpoint").GetBoolean());
        Assert.Equal(["EDGE"], api.GetProperty("endpointConfiguration").GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("ipv4", api.GetProperty("endpointConfiguration").GetProperty("ipAddressType").GetString());
        Assert.Matches("^[a-z0-9]{6}$", api.GetProperty("rootResourceId").GetString()!);
        var createdDate = api.GetProperty("createdDate");
        Assert.Equal(JsonValueKind.Number, createdDate.ValueKind);
        Assert.InRange(createdDate.GetInt64(), before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        foreach (var omitted in new[] { "warnings", "binaryMediaTypes", "tags", "policy", "minimumCompressionSize" })
        {
            Assert.False(api.TryGetProperty(omitted, out _), $"{omitted} should be omitted");
        }
    }

    [Fact]
    public async Task Create_keeps_every_optional_setting()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[]}""";
        var body = JsonSerializer.Serialize(new
        {
            name = "full",
            binaryMediaTypes = new[] { "image/png" },
            minimumCompressionSize = 1024,
            apiKeySource = "AUTHORIZER",
            endpointConfiguration = new { types = new[] { "REGIONAL" } },
            policy,
            tags = new Dictionary<string, string> { ["team"] = "a" },
            disableExecuteApiEndpoint = true,
        });

        using var response = await _http.PostAsync("/restapis", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var api = await response.ReadJsonAsync();
        Assert.Equal("image/png", api.GetProperty("binaryMediaTypes")[0].GetString());
        Assert.Equal(1024, api.GetProperty("minimumCompressionSize").GetInt32());
        Assert.Equal("AUTHORIZER", api.GetProperty("apiKeySource").GetString());
        Assert.Equal("REGIONAL", api.GetProperty("endpointConfiguration").GetProperty("types")[0].GetString());
        // API Gateway shows the policy with its quotes escaped inside the string.
        Assert.Equal(policy.Replace("\"", "\\\"", StringComparison.Ordinal), api.GetProperty("policy").GetString());
        Assert.Equal("a", api.GetProperty("tags").GetProperty("team").GetString());
        Assert.True(api.GetProperty("disableExecuteApiEndpoint").GetBoolean());
    }

    [Fact]
    public async Task Create_without_name_is_a_validation_error()
    {
        using var response = await _http.PostAsync("/restapis", Json("""{"description":"x"}"""));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "ValidationException");
        Assert.Contains("'createRestApiInput.name'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_empty_description_is_rejected_as_api_gateway_does()
    {
        using var response = await _http.PostAsync("/restapis", Json("""{"name":"x","description":""}"""));

        Assert.Equal("Description cannot be an empty string", await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException"));
    }

    [Fact]
    public async Task Create_with_invalid_settings_is_rejected()
    {
        using var compression = await _http.PostAsync("/restapis", Json("""{"name":"x","minimumCompressionSize":-1}"""));
        using var keySource = await _http.PostAsync("/restapis", Json("""{"name":"x","apiKeySource":"QUERY"}"""));
        using var endpoint = await _http.PostAsync("/restapis", Json("""{"name":"x","endpointConfiguration":{"types":["GLOBAL"]}}"""));
        using var policy = await _http.PostAsync("/restapis", Json("""{"name":"x","policy":"not json"}"""));

        Assert.Equal("Invalid minimum compression size, must be between 0 and 10485760", await compression.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException"));
        await keySource.AssertErrorAsync(HttpStatusCode.BadRequest, "ValidationException");
        await endpoint.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        await policy.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Theory]
    [InlineData("""{"name":""")]
    [InlineData("""{"name":5}""")]
    [InlineData("""{"name":"x","disableExecuteApiEndpoint":"yes"}""")]
    [InlineData("not json at all")]
    public async Task Malformed_or_mistyped_json_is_a_serialization_error(string body)
    {
        using var response = await _http.PostAsync("/restapis", Json(body));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "SerializationException");
    }

    [Fact]
    public async Task Json_body_over_64_KiB_is_413()
    {
        var body = $$"""{"name":"x","description":"{{new string('d', 70 * 1024)}}"}""";

        using var response = await _http.PostAsync("/restapis", Json(body));

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "PayloadTooLargeException");
    }

    [Fact]
    public async Task Get_returns_the_created_api()
    {
        var id = await _http.CreateApiAsync("get-me");

        using var response = await _http.GetAsync($"/restapis/{id}");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var api = await response.ReadJsonAsync();
        Assert.Equal((id, "get-me"), (api.GetProperty("id").GetString(), api.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("nosuchapi1")]
    [InlineData("has.dot")]
    public async Task Get_unknown_or_malformed_id_is_404_not_found(string id)
    {
        using var response = await _http.GetAsync($"/restapis/{id}");

        var message = await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        Assert.StartsWith("Invalid API identifier specified", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_applies_patch_operations()
    {
        var id = await _http.CreateApiAsync();
        var body = """
            {"patchOperations":[
              {"op":"replace","path":"/name","value":"renamed"},
              {"op":"add","path":"/binaryMediaTypes/image~1png"},
              {"op":"replace","path":"/minimumCompressionSize","value":"100"}]}
            """;

        using var response = await _http.PatchAsync($"/restapis/{id}", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var api = await response.ReadJsonAsync();
        Assert.Equal("renamed", api.GetProperty("name").GetString());
        Assert.Equal("image/png", api.GetProperty("binaryMediaTypes")[0].GetString());
        Assert.Equal(100, api.GetProperty("minimumCompressionSize").GetInt32());
        using var get = await _http.GetAsync($"/restapis/{id}");
        Assert.Equal("renamed", (await get.ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Update_with_a_boolean_where_a_string_belongs_is_a_serialization_error()
    {
        var id = await _http.CreateApiAsync();

        using var response = await _http.PatchAsync($"/restapis/{id}", Json("""{"patchOperations":[{"op":"replace","path":"/disableExecuteApiEndpoint","value":true}]}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "SerializationException");
    }

    [Fact]
    public async Task Update_with_an_unknown_path_is_a_bad_request()
    {
        var id = await _http.CreateApiAsync();

        using var response = await _http.PatchAsync($"/restapis/{id}", Json("""{"patchOperations":[{"op":"replace","path":"/nope","value":"x"}]}"""));

        Assert.Equal("Invalid patch path /nope", await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException"));
    }

    [Fact]
    public async Task Update_unknown_api_is_404()
    {
        using var response = await _http.PatchAsync("/restapis/nosuchapi2", Json("""{"patchOperations":[]}"""));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Delete_returns_202_with_an_empty_body_and_the_api_is_gone()
    {
        var id = await _http.CreateApiAsync();

        using var response = await _http.DeleteAsync($"/restapis/{id}");
        using var get = await _http.GetAsync($"/restapis/{id}");
        using var again = await _http.DeleteAsync($"/restapis/{id}");

        await response.AssertStatusAsync(HttpStatusCode.Accepted);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await get.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task List_pages_through_every_api_in_id_order()
    {
        var created = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await _http.CreateApiAsync($"listed-{i}"));
        }

        var seen = new List<string>();
        string? position = null;
        var pages = 0;
        do
        {
            using var response = await _http.GetAsync("/restapis?limit=2" + (position is null ? "" : "&position=" + Uri.EscapeDataString(position)));
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var page = await response.ReadJsonAsync();
            var items = page.GetProperty("item").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            position = page.TryGetProperty("position", out var next) ? next.GetString() : null;
            pages++;
        }
        while (position is not null);

        Assert.Superset(created, seen.ToHashSet());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.True(pages >= 2);
    }

    [Fact]
    public async Task List_without_limit_returns_at_most_25()
    {
        using var response = await _http.GetAsync("/restapis");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.InRange((await response.ReadJsonAsync()).GetProperty("item").GetArrayLength(), 0, 25);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=abc")]
    [InlineData("position=%25%25notbase64")]
    public async Task List_with_out_of_range_paging_is_a_bad_request(string query)
    {
        using var response = await _http.GetAsync("/restapis?" + query);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Clone_from_an_existing_api_creates_one_and_from_a_missing_api_is_404()
    {
        var source = await _http.CreateApiAsync("source");

        using var response = await _http.PostAsync("/restapis", Json($$"""{"name":"clone","cloneFrom":"{{source}}"}"""));
        using var missing = await _http.PostAsync("/restapis", Json("""{"name":"clone","cloneFrom":"nosuchapi3"}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        await missing.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Theory]
    [InlineData("/gw")]
    [InlineData("/stage/gw")]
    public async Task The_api_is_also_served_under_a_base_path(string basePath)
    {
        using var create = await _http.PostAsync($"{basePath}/restapis", Json("""{"name":"prefixed"}"""));
        await create.AssertStatusAsync(HttpStatusCode.Created);
        var id = (await create.ReadJsonAsync()).GetProperty("id").GetString();

        using var get = await _http.GetAsync($"{basePath}/restapis/{id}");

        await get.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("prefixed", (await get.ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("GET", "/nothing-here")]
    [InlineData("GET", "/restapis/abc/nothing")]
    [InlineData("POST", "/restapis/abc")]
    [InlineData("PUT", "/restapis")]
    public async Task Unknown_path_or_method_is_404_unknown_operation(string method, string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "UnknownOperationException");
    }

    [Fact]
    public async Task Import_body_over_6_MB_is_413_before_parsing()
    {
        var document = new ByteArrayContent(new byte[(6 * 1024 * 1024) + 1]);

        using var response = await _http.PostAsync("/restapis?mode=import", document);

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "PayloadTooLargeException");
    }

    [Fact]
    public async Task Post_with_a_mode_other_than_import_is_a_bad_request()
    {
        using var response = await _http.PostAsync("/restapis?mode=merge", Json("{}"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Put_on_an_unknown_api_is_404_before_the_document_is_read()
    {
        using var response = await _http.PutAsync("/restapis/nosuchapi6?mode=overwrite", new StringContent("not even openapi"));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Put_with_an_unknown_mode_is_a_bad_request()
    {
        var id = await _http.CreateApiAsync();

        using var response = await _http.PutAsync($"/restapis/{id}?mode=replace", new StringContent("{}"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Theory]
    [InlineData("?basepath=strip")]
    [InlineData("?failonwarnings=maybe")]
    [InlineData("?endpointConfigurationTypes=GLOBAL")]
    public async Task Import_with_invalid_query_options_is_a_bad_request(string query)
    {
        using var response = await _http.PostAsync("/restapis?mode=import&" + query.TrimStart('?'), new StringContent("{}"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }
}

using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.Management;

[Collection(ManagementApiCollection.Name)]
public sealed class DeploymentAndStageEndpointsTests(ManagementApiFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Create_deployment_returns_201_with_id_description_and_epoch_seconds()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/deployments", Json("""{"description":"first"}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var deployment = await response.ReadJsonAsync();
        Assert.False(string.IsNullOrEmpty(deployment.GetProperty("id").GetString()));
        Assert.Equal("first", deployment.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Number, deployment.GetProperty("createdDate").ValueKind);
        Assert.InRange(deployment.GetProperty("createdDate").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
    }

    [Fact]
    public async Task Create_deployment_with_a_stage_name_creates_the_stage_on_it()
    {
        var apiId = await _http.CreateApiAsync();

        var deploymentId = await _http.CreateDeploymentAsync(apiId, "prod");
        using var stage = await _http.GetAsync($"/restapis/{apiId}/stages/prod");

        await stage.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(deploymentId, (await stage.ReadJsonAsync()).GetProperty("deploymentId").GetString());
    }

    [Fact]
    public async Task Create_deployment_on_an_unknown_api_is_404()
    {
        using var response = await _http.PostAsync("/restapis/nosuchapi4/deployments", Json("{}"));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Create_deployment_with_canary_settings_is_refused()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/deployments", Json("""{"stageName":"prod","canarySettings":{"percentTraffic":10}}"""));

        Assert.Equal("Canary settings are not supported by this gateway.", await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException"));
    }

    [Fact]
    public async Task Create_deployment_with_an_invalid_stage_name_is_a_bad_request()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/deployments", Json("""{"stageName":"has space"}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Deployments_are_listed_paged_and_fetched_one_by_one()
    {
        var apiId = await _http.CreateApiAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _http.CreateDeploymentAsync(apiId));
        }

        using var all = await _http.GetAsync($"/restapis/{apiId}/deployments");
        using var firstPage = await _http.GetAsync($"/restapis/{apiId}/deployments?limit=2");
        var firstPageJson = await firstPage.ReadJsonAsync();
        using var secondPage = await _http.GetAsync($"/restapis/{apiId}/deployments?limit=2&position={Uri.EscapeDataString(firstPageJson.GetProperty("position").GetString()!)}");
        using var one = await _http.GetAsync($"/restapis/{apiId}/deployments/{ids[1]}");

        await all.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(ids.ToHashSet(), (await all.ReadJsonAsync()).GetProperty("item").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToHashSet());
        var paged = firstPageJson.GetProperty("item").EnumerateArray().Concat((await secondPage.ReadJsonAsync()).GetProperty("item").EnumerateArray())
            .Select(d => d.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.ToHashSet(), paged.ToHashSet());
        Assert.Equal(3, paged.Count);
        await one.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(ids[1], (await one.ReadJsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Unknown_deployment_is_404()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.GetAsync($"/restapis/{apiId}/deployments/nosuch");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Deleting_a_deployment_a_stage_uses_is_refused_and_an_unused_one_is_202()
    {
        var apiId = await _http.CreateApiAsync();
        var used = await _http.CreateDeploymentAsync(apiId, "prod");
        var unused = await _http.CreateDeploymentAsync(apiId);

        using var refused = await _http.DeleteAsync($"/restapis/{apiId}/deployments/{used}");
        using var accepted = await _http.DeleteAsync($"/restapis/{apiId}/deployments/{unused}");
        using var gone = await _http.GetAsync($"/restapis/{apiId}/deployments/{unused}");

        await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        await accepted.AssertStatusAsync(HttpStatusCode.Accepted);
        await gone.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Create_stage_returns_201_with_api_gateways_stage_shape()
    {
        var apiId = await _http.CreateApiAsync();
        var deploymentId = await _http.CreateDeploymentAsync(apiId);
        var body = $$$"""{"stageName":"dev","deploymentId":"{{{deploymentId}}}","description":"d","variables":{"url":"example.com"},"tags":{"t":"v"}}""";

        using var response = await _http.PostAsync($"/restapis/{apiId}/stages", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var stage = await response.ReadJsonAsync();
        Assert.Equal("dev", stage.GetProperty("stageName").GetString());
        Assert.Equal(deploymentId, stage.GetProperty("deploymentId").GetString());
        Assert.Equal("d", stage.GetProperty("description").GetString());
        Assert.False(stage.GetProperty("cacheClusterEnabled").GetBoolean());
        Assert.Equal("NOT_AVAILABLE", stage.GetProperty("cacheClusterStatus").GetString());
        Assert.False(stage.GetProperty("tracingEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.Object, stage.GetProperty("methodSettings").ValueKind);
        Assert.Equal("example.com", stage.GetProperty("variables").GetProperty("url").GetString());
        Assert.Equal("v", stage.GetProperty("tags").GetProperty("t").GetString());
        Assert.Equal(JsonValueKind.Number, stage.GetProperty("createdDate").ValueKind);
        Assert.Equal(JsonValueKind.Number, stage.GetProperty("lastUpdatedDate").ValueKind);
    }

    [Fact]
    public async Task Create_stage_twice_is_a_conflict()
    {
        var apiId = await _http.CreateApiAsync();
        var deploymentId = await _http.CreateDeploymentAsync(apiId);
        var body = $$"""{"stageName":"dev","deploymentId":"{{deploymentId}}"}""";

        using var first = await _http.PostAsync($"/restapis/{apiId}/stages", Json(body));
        using var second = await _http.PostAsync($"/restapis/{apiId}/stages", Json(body));

        await first.AssertStatusAsync(HttpStatusCode.Created);
        await second.AssertErrorAsync(HttpStatusCode.Conflict, "ConflictException");
    }

    [Fact]
    public async Task Create_stage_on_an_unknown_deployment_is_404()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/stages", Json("""{"stageName":"dev","deploymentId":"nosuch"}"""));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Theory]
    [InlineData("""{"deploymentId":"abc"}""", "ValidationException")]
    [InlineData("""{"stageName":"dev"}""", "ValidationException")]
    [InlineData("""{"stageName":"bad name","deploymentId":"abc"}""", "BadRequestException")]
    [InlineData("""{"stageName":"dev","deploymentId":"abc","canarySettings":{}}""", "BadRequestException")]
    [InlineData("""{"stageName":"dev","deploymentId":"abc","cacheClusterSize":"2"}""", "BadRequestException")]
    public async Task Create_stage_with_missing_or_invalid_members_is_400(string body, string errorType)
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.PostAsync($"/restapis/{apiId}/stages", Json(body));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, errorType);
    }

    [Fact]
    public async Task Stages_are_listed_without_position_and_filtered_by_deployment()
    {
        var apiId = await _http.CreateApiAsync();
        var first = await _http.CreateDeploymentAsync(apiId, "a");
        await _http.CreateDeploymentAsync(apiId, "b");

        using var all = await _http.GetAsync($"/restapis/{apiId}/stages");
        using var filtered = await _http.GetAsync($"/restapis/{apiId}/stages?deploymentId={first}");

        await all.AssertStatusAsync(HttpStatusCode.OK);
        var allJson = await all.ReadJsonAsync();
        Assert.False(allJson.TryGetProperty("position", out _));
        Assert.Equal(["a", "b"], allJson.GetProperty("item").EnumerateArray().Select(s => s.GetProperty("stageName").GetString()));
        Assert.Equal(["a"], (await filtered.ReadJsonAsync()).GetProperty("item").EnumerateArray().Select(s => s.GetProperty("stageName").GetString()));
    }

    [Fact]
    public async Task Update_stage_patches_variables_and_repoints_the_deployment()
    {
        var apiId = await _http.CreateApiAsync();
        await _http.CreateDeploymentAsync(apiId, "prod");
        var second = await _http.CreateDeploymentAsync(apiId);
        var body = $$"""
            {"patchOperations":[
              {"op":"replace","path":"/variables/backend","value":"b.example"},
              {"op":"replace","path":"/deploymentId","value":"{{second}}"},
              {"op":"replace","path":"/*/*/throttling/rateLimit","value":"25"}]}
            """;

        using var response = await _http.PatchAsync($"/restapis/{apiId}/stages/prod", Json(body));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var stage = await response.ReadJsonAsync();
        Assert.Equal("b.example", stage.GetProperty("variables").GetProperty("backend").GetString());
        Assert.Equal(second, stage.GetProperty("deploymentId").GetString());
        var setting = stage.GetProperty("methodSettings").GetProperty("*/*");
        Assert.Equal(25.0, setting.GetProperty("throttlingRateLimit").GetDouble());
        Assert.Equal(5000, setting.GetProperty("throttlingBurstLimit").GetInt32());
        Assert.Equal(300, setting.GetProperty("cacheTtlInSeconds").GetInt32());
    }

    [Fact]
    public async Task Update_stage_to_an_unknown_deployment_is_a_bad_request()
    {
        var apiId = await _http.CreateApiAsync();
        await _http.CreateDeploymentAsync(apiId, "prod");

        using var response = await _http.PatchAsync($"/restapis/{apiId}/stages/prod", Json("""{"patchOperations":[{"op":"replace","path":"/deploymentId","value":"nosuch"}]}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Update_stage_with_an_unknown_path_lists_the_valid_paths()
    {
        var apiId = await _http.CreateApiAsync();
        await _http.CreateDeploymentAsync(apiId, "prod");

        using var response = await _http.PatchAsync($"/restapis/{apiId}/stages/prod", Json("""{"patchOperations":[{"op":"replace","path":"/bogus","value":"1"}]}"""));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.StartsWith("Invalid method setting path: /bogus. Must be one of: [/deploymentId,", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_stage_with_an_op_outside_the_enum_is_a_validation_error()
    {
        var apiId = await _http.CreateApiAsync();
        await _http.CreateDeploymentAsync(apiId, "prod");

        using var response = await _http.PatchAsync($"/restapis/{apiId}/stages/prod", Json("""{"patchOperations":[{"op":"set","path":"/description","value":"1"}]}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task Delete_stage_returns_202_and_the_stage_is_gone()
    {
        var apiId = await _http.CreateApiAsync();
        await _http.CreateDeploymentAsync(apiId, "prod");

        using var response = await _http.DeleteAsync($"/restapis/{apiId}/stages/prod");
        using var get = await _http.GetAsync($"/restapis/{apiId}/stages/prod");

        await response.AssertStatusAsync(HttpStatusCode.Accepted);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var message = await get.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Stage identifier specified", message);
    }

    [Fact]
    public async Task Stage_name_longer_than_128_characters_is_404()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.GetAsync($"/restapis/{apiId}/stages/{new string('s', 129)}");

        Assert.Equal("Invalid Stage identifier specified", await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException"));
    }

    [Fact]
    public async Task Resources_of_a_new_api_are_only_the_root()
    {
        using var create = await _http.PostAsync("/restapis", Json("""{"name":"r"}"""));
        var api = await create.ReadJsonAsync();

        using var response = await _http.GetAsync($"/restapis/{api.GetProperty("id").GetString()}/resources");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var root = Assert.Single((await response.ReadJsonAsync()).GetProperty("item").EnumerateArray());
        Assert.Equal(api.GetProperty("rootResourceId").GetString(), root.GetProperty("id").GetString());
        Assert.Equal("/", root.GetProperty("path").GetString());
        Assert.False(root.TryGetProperty("parentId", out _));
        Assert.False(root.TryGetProperty("pathPart", out _));
        Assert.False(root.TryGetProperty("resourceMethods", out _));
    }

    [Fact]
    public async Task Resources_of_an_unknown_api_are_404()
    {
        using var response = await _http.GetAsync("/restapis/nosuchapi5/resources");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Theory]
    [InlineData("/exports/raml", "BadRequestException", HttpStatusCode.BadRequest)]
    [InlineData("/exports/oas30?extensions=everything", "BadRequestException", HttpStatusCode.BadRequest)]
    public async Task Export_with_an_unknown_type_or_extension_is_a_bad_request(string suffix, string errorType, HttpStatusCode status)
    {
        var apiId = await _http.CreateApiAsync();
        await _http.CreateDeploymentAsync(apiId, "prod");

        using var response = await _http.GetAsync($"/restapis/{apiId}/stages/prod{suffix}");

        await response.AssertErrorAsync(status, errorType);
    }

    [Fact]
    public async Task Export_of_an_unknown_stage_is_404()
    {
        var apiId = await _http.CreateApiAsync();

        using var response = await _http.GetAsync($"/restapis/{apiId}/stages/nosuch/exports/oas30");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }
}

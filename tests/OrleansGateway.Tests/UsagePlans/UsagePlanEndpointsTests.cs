using System.Net;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Tests.ApiKeys;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.UsagePlans;

[Collection(ApiKeyManagementCollection.Name)]
public sealed class UsagePlanEndpointsTests(ApiKeyManagementFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    private async Task<string> ApiWithStageAsync()
    {
        var apiId = await _http.CreateApiAsync();
        await _http.CreateDeploymentAsync(apiId, "prod");
        return apiId;
    }

    private async Task<JsonElement> CreatePlanAsync(string body)
    {
        using var response = await _http.PostAsync("/usageplans", Json(body));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    private async Task<string> CreateKeyAsync()
    {
        using var response = await _http.PostAsync("/apikeys", Json("""{"name":"plan-key","enabled":true}"""));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private Task<long> VersionAsync() => fixture.Client.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).GetVersion();

    [Fact]
    public async Task Create_returns_the_plan_with_stages_throttle_and_quota()
    {
        var apiId = await ApiWithStageAsync();

        var plan = await CreatePlanAsync($$$$"""
            {"name":"gold","apiStages":[{"apiId":"{{{{apiId}}}}","stage":"prod","throttle":{"/pets/GET":{"rateLimit":5,"burstLimit":10}}}],
             "throttle":{"rateLimit":100.5,"burstLimit":200},"quota":{"limit":1000,"period":"MONTH"}}
            """);

        Assert.Equal("gold", plan.GetProperty("name").GetString());
        Assert.Equal(100.5, plan.GetProperty("throttle").GetProperty("rateLimit").GetDouble());
        Assert.Equal("MONTH", plan.GetProperty("quota").GetProperty("period").GetString());
        Assert.Equal(10, plan.GetProperty("apiStages")[0].GetProperty("throttle").GetProperty("/pets/GET").GetProperty("burstLimit").GetInt32());
        using var get = await _http.GetAsync($"/usageplans/{plan.GetProperty("id").GetString()}");
        Assert.Equal("gold", (await get.ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"name":"p","throttle":{"rateLimit":-1,"burstLimit":1}}""")]
    [InlineData("""{"name":"p","throttle":{"rateLimit":2000000,"burstLimit":1}}""")]
    [InlineData("""{"name":"p","quota":{"limit":0,"period":"DAY"}}""")]
    [InlineData("""{"name":"p","quota":{"limit":10,"period":"YEAR"}}""")]
    [InlineData("""{"name":"p","apiStages":[{"apiId":"nosuchapi1","stage":"prod"}]}""")]
    public async Task Bad_input_is_400_and_creates_no_plan(string body)
    {
        var before = await VersionAsync();

        using var response = await _http.PostAsync("/usageplans", Json(body));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal(before, await VersionAsync());
    }

    [Fact]
    public async Task A_key_may_be_in_only_one_plan_per_api_stage()
    {
        var apiId = await ApiWithStageAsync();
        var first = (await CreatePlanAsync($$"""{"name":"a","apiStages":[{"apiId":"{{apiId}}","stage":"prod"}]}""")).GetProperty("id").GetString();
        var second = (await CreatePlanAsync($$"""{"name":"b","apiStages":[{"apiId":"{{apiId}}","stage":"prod"}]}""")).GetProperty("id").GetString();
        var third = (await CreatePlanAsync("""{"name":"c"}""")).GetProperty("id").GetString();
        var keyId = await CreateKeyAsync();

        using var added = await _http.PostAsync($"/usageplans/{first}/keys", Json($$"""{"keyId":"{{keyId}}","keyType":"API_KEY"}"""));
        using var conflict = await _http.PostAsync($"/usageplans/{second}/keys", Json($$"""{"keyId":"{{keyId}}","keyType":"API_KEY"}"""));
        using var elsewhere = await _http.PostAsync($"/usageplans/{third}/keys", Json($$"""{"keyId":"{{keyId}}","keyType":"API_KEY"}"""));
        using var stageConflict = await _http.PatchAsync($"/usageplans/{third}", Json($$"""{"patchOperations":[{"op":"add","path":"/apiStages","value":"{{apiId}}:prod"}]}"""));

        await added.AssertStatusAsync(HttpStatusCode.Created);
        var planKey = await added.ReadJsonAsync();
        Assert.Equal("API_KEY", planKey.GetProperty("type").GetString());
        Assert.Equal(keyId, planKey.GetProperty("id").GetString());
        await conflict.AssertErrorAsync(HttpStatusCode.Conflict, "ConflictException");
        await elsewhere.AssertStatusAsync(HttpStatusCode.Created);
        await stageConflict.AssertErrorAsync(HttpStatusCode.Conflict, "ConflictException");
        using var thirdPlan = await _http.GetAsync($"/usageplans/{third}");
        Assert.Equal(0, (await thirdPlan.ReadJsonAsync()).GetProperty("apiStages").GetArrayLength());
        var record = await fixture.Client.GetGrain<IApiKeyGrain>(keyId).Get();
        var identity = await fixture.Client.GetGrain<IApiKeyValueGrain>(record.ValueHash).Resolve();
        Assert.Equal(new[] { first, third }.Order(StringComparer.Ordinal), identity!.UsagePlanIds);
    }

    [Fact]
    public async Task Update_applies_limits_and_method_throttles_and_a_bad_operation_applies_nothing()
    {
        var apiId = await ApiWithStageAsync();
        var planId = (await CreatePlanAsync($$"""{"name":"u","apiStages":[{"apiId":"{{apiId}}","stage":"prod"}]}""")).GetProperty("id").GetString();

        using var updated = await _http.PatchAsync($"/usageplans/{planId}", Json($$"""
            {"patchOperations":[
              {"op":"replace","path":"/throttle/rateLimit","value":"50"},
              {"op":"replace","path":"/throttle/burstLimit","value":"100"},
              {"op":"replace","path":"/quota/limit","value":"500"},
              {"op":"replace","path":"/quota/period","value":"WEEK"},
              {"op":"replace","path":"/apiStages/{{apiId}}:prod/throttle/~1pets/GET/rateLimit","value":"7"}]}
            """));
        using var rejected = await _http.PatchAsync($"/usageplans/{planId}", Json("""
            {"patchOperations":[{"op":"replace","path":"/name","value":"renamed"},{"op":"replace","path":"/throttle/rateLimit","value":"NaN"}]}
            """));

        await updated.AssertStatusAsync(HttpStatusCode.OK);
        var plan = await updated.ReadJsonAsync();
        Assert.Equal(50, plan.GetProperty("throttle").GetProperty("rateLimit").GetDouble());
        Assert.Equal("WEEK", plan.GetProperty("quota").GetProperty("period").GetString());
        Assert.Equal(7, plan.GetProperty("apiStages")[0].GetProperty("throttle").GetProperty("/pets/GET").GetProperty("rateLimit").GetDouble());
        await rejected.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        using var get = await _http.GetAsync($"/usageplans/{planId}");
        Assert.Equal("u", (await get.ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task More_than_20_method_throttles_per_stage_is_400()
    {
        var apiId = await ApiWithStageAsync();
        var throttles = string.Join(",", Enumerable.Range(0, 21).Select(i => $$"""
            "/r{{i}}/GET":{"rateLimit":1,"burstLimit":1}
            """.Trim()));

        using var response = await _http.PostAsync("/usageplans", Json($$$"""{"name":"many","apiStages":[{"apiId":"{{{apiId}}}","stage":"prod","throttle":{{{{throttles}}}}}]}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Delete_is_refused_while_stages_remain_then_allowed()
    {
        var apiId = await ApiWithStageAsync();
        var planId = (await CreatePlanAsync($$"""{"name":"d","apiStages":[{"apiId":"{{apiId}}","stage":"prod"}]}""")).GetProperty("id").GetString();

        using var refused = await _http.DeleteAsync($"/usageplans/{planId}");
        using var removeStage = await _http.PatchAsync($"/usageplans/{planId}", Json($$"""{"patchOperations":[{"op":"remove","path":"/apiStages","value":"{{apiId}}:prod"}]}"""));
        using var deleted = await _http.DeleteAsync($"/usageplans/{planId}");
        using var get = await _http.GetAsync($"/usageplans/{planId}");

        await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        await removeStage.AssertStatusAsync(HttpStatusCode.OK);
        await deleted.AssertStatusAsync(HttpStatusCode.Accepted);
        await get.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task Plan_keys_are_listed_fetched_and_removed_and_a_deleted_key_leaves_its_plans()
    {
        var planId = (await CreatePlanAsync("""{"name":"keys"}""")).GetProperty("id").GetString();
        var (k1, k2) = (await CreateKeyAsync(), await CreateKeyAsync());
        foreach (var k in new[] { k1, k2 })
        {
            using var add = await _http.PostAsync($"/usageplans/{planId}/keys", Json($$"""{"keyId":"{{k}}","keyType":"API_KEY"}"""));
            await add.AssertStatusAsync(HttpStatusCode.Created);
        }

        using var list = await _http.GetAsync($"/usageplans/{planId}/keys?name=plan-");
        using var one = await _http.GetAsync($"/usageplans/{planId}/keys/{k1}");
        using var remove = await _http.DeleteAsync($"/usageplans/{planId}/keys/{k1}");
        using var gone = await _http.GetAsync($"/usageplans/{planId}/keys/{k1}");
        using var deleteKey = await _http.DeleteAsync($"/apikeys/{k2}");

        Assert.Equal(2, (await list.ReadJsonAsync()).GetProperty("item").GetArrayLength());
        Assert.Equal(40, (await one.ReadJsonAsync()).GetProperty("value").GetString()!.Length);
        await remove.AssertStatusAsync(HttpStatusCode.Accepted);
        await gone.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        await deleteKey.AssertStatusAsync(HttpStatusCode.Accepted);
        Assert.Empty(await fixture.Client.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).GetPlanKeyIds(planId!));
    }

    [Fact]
    public async Task Every_change_bumps_the_snapshot_version()
    {
        var before = await VersionAsync();

        var planId = (await CreatePlanAsync("""{"name":"versioned"}""")).GetProperty("id").GetString();
        using var _ = await _http.PatchAsync($"/usageplans/{planId}", Json("""{"patchOperations":[{"op":"replace","path":"/description","value":"x"}]}"""));

        var snapshot = await fixture.Client.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).GetSnapshot();
        Assert.True(snapshot.Version >= before + 2);
        Assert.Equal("x", snapshot.Plans.Single(p => p.Id == planId).Description);
    }
}

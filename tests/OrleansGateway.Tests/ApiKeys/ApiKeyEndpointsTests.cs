using System.Net;
using System.Text;
using System.Text.Json;
using Orleans.Serialization;
using OrleansGateway.Grains.ApiKeys;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Tests.Management.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.ApiKeys;

[Collection(ApiKeyManagementCollection.Name)]
public sealed class ApiKeyEndpointsTests(ApiKeyManagementFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    private static string NewValue() => "test-value-" + Guid.NewGuid().ToString("N");

    private async Task<JsonElement> CreateKeyAsync(string body)
    {
        using var response = await _http.PostAsync("/apikeys", Json(body));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task Create_returns_201_with_a_generated_40_character_value_and_the_given_fields()
    {
        var key = await CreateKeyAsync("""{"name":"alpha","description":"d","enabled":true,"customerId":"c1","tags":{"team":"x"}}""");

        Assert.Equal(40, key.GetProperty("value").GetString()!.Length);
        Assert.Equal("alpha", key.GetProperty("name").GetString());
        Assert.True(key.GetProperty("enabled").GetBoolean());
        Assert.Equal("c1", key.GetProperty("customerId").GetString());
        Assert.Equal("x", key.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal(JsonValueKind.Number, key.GetProperty("createdDate").ValueKind);
    }

    [Fact]
    public async Task Get_shows_the_value_only_with_includeValue()
    {
        var value = NewValue();
        var id = (await CreateKeyAsync($$"""{"name":"v","value":"{{value}}"}""")).GetProperty("id").GetString();

        using var plain = await _http.GetAsync($"/apikeys/{id}");
        using var withValue = await _http.GetAsync($"/apikeys/{id}?includeValue=true");

        Assert.False((await plain.ReadJsonAsync()).TryGetProperty("value", out _));
        Assert.Equal(value, (await withValue.ReadJsonAsync()).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Stored_state_holds_no_plain_value_anywhere()
    {
        var value = NewValue();
        var id = (await CreateKeyAsync($$"""{"name":"secretive","value":"{{value}}","enabled":true}""")).GetProperty("id").GetString()!;
        var hash = fixture.Hash.Compute(value);

        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        var keyState = await ReadStateAsync<ApiKeyState>("apikey", fixture.Client.GetGrain<IApiKeyGrain>(id).GetGrainId());
        var valueState = await ReadStateAsync<ApiKeyValueState>("apikeyvalue", fixture.Client.GetGrain<IApiKeyValueGrain>(hash).GetGrainId());
        var listing = await fixture.Records.ReadAllAsync(ApiKeyListingShardGrain.CollectionOf(ApiKeyListingShards.For(id)));

        Assert.Equal(hash, keyState.Record!.ValueHash);
        Assert.Equal(id, valueState.Identity!.KeyId);
        Assert.True(listing.ContainsKey(id));
        foreach (var bytes in new[] { serializer.SerializeToArray(keyState), serializer.SerializeToArray(valueState), listing[id] })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)));
        }
    }

    private async Task<T> ReadStateAsync<T>(string name, GrainId grainId) where T : new()
    {
        var state = new GrainState<T>(new T());
        await fixture.Storage.ReadStateAsync(name, grainId, state);
        return state.State!;
    }

    [Fact]
    public async Task A_value_already_in_use_is_409_and_creates_nothing()
    {
        var value = NewValue();
        await CreateKeyAsync($$"""{"name":"first","value":"{{value}}"}""");

        using var response = await _http.PostAsync("/apikeys", Json($$"""{"name":"dupe-{{value}}","value":"{{value}}"}"""));

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "ConflictException");
        using var list = await _http.GetAsync($"/apikeys?name=dupe-{value}");
        Assert.Equal(0, (await list.ReadJsonAsync()).GetProperty("item").GetArrayLength());
    }

    [Theory]
    [InlineData("short-value")]
    [InlineData("has a space in the middle of it ok")]
    public async Task An_unacceptable_imported_value_is_400(string value)
    {
        using var response = await _http.PostAsync("/apikeys", Json($$"""{"name":"bad","value":"{{value}}"}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task List_filters_by_name_prefix_and_customer_and_pages_with_position()
    {
        var prefix = "list-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await CreateKeyAsync($$"""{"name":"{{prefix}}-{{i}}","customerId":"{{prefix}}"}""");
        }
        await CreateKeyAsync($$"""{"name":"other-{{prefix}}"}""");

        using var first = await _http.GetAsync($"/apikeys?name={prefix}&limit=2&includeValues=true");
        var page1 = await first.ReadJsonAsync();
        var position = page1.GetProperty("position").GetString();
        using var second = await _http.GetAsync($"/apikeys?name={prefix}&limit=2&position={position}");
        var page2 = await second.ReadJsonAsync();
        using var byCustomer = await _http.GetAsync($"/apikeys?customerId={prefix}");

        Assert.Equal(2, page1.GetProperty("item").GetArrayLength());
        Assert.All(page1.GetProperty("item").EnumerateArray(), k => Assert.Equal(40, k.GetProperty("value").GetString()!.Length));
        Assert.Equal(1, page2.GetProperty("item").GetArrayLength());
        Assert.False(page2.TryGetProperty("position", out _));
        Assert.False(page2.GetProperty("item")[0].TryGetProperty("value", out _));
        Assert.Equal(3, (await byCustomer.ReadJsonAsync()).GetProperty("item").GetArrayLength());
    }

    [Fact]
    public async Task Update_changes_name_and_enabled_and_disabling_reaches_the_value_grain()
    {
        var value = NewValue();
        var id = (await CreateKeyAsync($$"""{"name":"before","value":"{{value}}","enabled":true}""")).GetProperty("id").GetString();

        using var response = await _http.PatchAsync($"/apikeys/{id}", Json("""
            {"patchOperations":[{"op":"replace","path":"/name","value":"after"},{"op":"replace","path":"/enabled","value":"false"}]}
            """));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var key = await response.ReadJsonAsync();
        Assert.Equal("after", key.GetProperty("name").GetString());
        Assert.False(key.GetProperty("enabled").GetBoolean());
        var identity = await fixture.Client.GetGrain<IApiKeyValueGrain>(fixture.Hash.Compute(value)).Resolve();
        Assert.False(identity!.Enabled);
    }

    [Fact]
    public async Task Update_with_a_bad_operation_changes_nothing()
    {
        var id = (await CreateKeyAsync("""{"name":"keep"}""")).GetProperty("id").GetString();

        using var response = await _http.PatchAsync($"/apikeys/{id}", Json("""
            {"patchOperations":[{"op":"replace","path":"/name","value":"changed"},{"op":"replace","path":"/value","value":"x"}]}
            """));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        using var get = await _http.GetAsync($"/apikeys/{id}");
        Assert.Equal("keep", (await get.ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_is_202_then_the_key_is_404_and_its_value_resolves_to_nothing()
    {
        var value = NewValue();
        var id = (await CreateKeyAsync($$"""{"name":"gone","value":"{{value}}"}""")).GetProperty("id").GetString();

        using var delete = await _http.DeleteAsync($"/apikeys/{id}");
        using var get = await _http.GetAsync($"/apikeys/{id}");

        await delete.AssertStatusAsync(HttpStatusCode.Accepted);
        await get.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Null(await fixture.Client.GetGrain<IApiKeyValueGrain>(fixture.Hash.Compute(value)).Resolve());
    }

    private async Task<HttpResponseMessage> ImportAsync(string csv, bool failOnWarnings = false) =>
        await _http.PostAsync($"/apikeys?mode=import&format=csv{(failOnWarnings ? "&failonwarnings=true" : "")}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task Import_creates_keys_and_reports_bad_rows_as_warnings()
    {
        var (a, b) = (NewValue(), NewValue());
        using var response = await ImportAsync($"Name,Key,Enabled,Description\nimp-a,{a},true,\"first, quoted\"\nimp-b,{b},false,\nimp-c,tooshort,true,\nimp-d,{a},true,\n");

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        var ids = body.GetProperty("ids").EnumerateArray().Select(i => i.GetString()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(2, body.GetProperty("warnings").GetArrayLength());
        var first = await fixture.Client.GetGrain<IApiKeyValueGrain>(fixture.Hash.Compute(a)).Resolve();
        Assert.True(first!.Enabled);
        using var get = await _http.GetAsync($"/apikeys/{first.KeyId}?includeValue=true");
        var key = await get.ReadJsonAsync();
        Assert.Equal(a, key.GetProperty("value").GetString());
        Assert.Equal("first, quoted", key.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Import_with_failonwarnings_and_a_bad_row_imports_nothing()
    {
        var good = NewValue();
        using var response = await ImportAsync($"Key,Name\n{good},fine\ntooshort,bad\n", failOnWarnings: true);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Null(await fixture.Client.GetGrain<IApiKeyValueGrain>(fixture.Hash.Compute(good)).Resolve());
    }

    [Fact]
    public async Task Reimporting_a_value_updates_the_key_that_has_it()
    {
        var value = NewValue();
        using var first = await ImportAsync($"Key,Name\n{value},one\n");
        var id = (await first.ReadJsonAsync()).GetProperty("ids")[0].GetString();

        using var second = await ImportAsync($"Key,Name\n{value},two\n");

        Assert.Equal(id, (await second.ReadJsonAsync()).GetProperty("ids")[0].GetString());
        using var get = await _http.GetAsync($"/apikeys/{id}");
        Assert.Equal("two", (await get.ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Import_without_the_required_columns_is_400()
    {
        using var response = await ImportAsync($"Name,Description\nx,y\n");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Orleans.Core.Internal;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Tests.ApiKeys;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.UsagePlans;

/// <summary>
/// API key listings and plan ↔ key associations grow with keys, so a change must cost what it
/// changes: a 1,000,000-key import failed at 350,000 when every call rewrote whole listings.
/// </summary>
[Collection(ApiKeyManagementCollection.Name)]
public sealed class UsagePlanKeyStorageTests(ApiKeyManagementFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    private async Task<string> ImportIntoPlanAsync(string planId, int count, string namePrefix = "bulk")
    {
        var csv = new StringBuilder("Name,Key,Enabled,UsagePlanIds\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append($"{namePrefix}-{i},bulk-value-{Guid.NewGuid():N},true,{planId}\n");
        }
        using var response = await _http.PostAsync("/apikeys?failonwarnings=true&format=csv&mode=import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("ids")[0].GetString()!;
    }

    private async Task<int> PlanKeyCountAsync(string planId)
    {
        using var response = await _http.GetAsync($"/usageplans/{planId}/keys?limit=500");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).GetProperty("item").GetArrayLength();
    }

    [Fact]
    public async Task Importing_keys_into_a_plan_writes_one_listing_record_and_one_association_per_new_key_only()
    {
        using var created = await _http.PostAsync("/usageplans", Json("""{"name":"bulk"}"""));
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var planId = (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
        await ImportIntoPlanAsync(planId, 300);
        var before = fixture.Records.RecordsWritten;

        await ImportIntoPlanAsync(planId, 5);

        // 5 listing entries and 5 associations, not the 305 the plan and listings now hold.
        Assert.Equal(10, fixture.Records.RecordsWritten - before);
        Assert.Equal(305, await PlanKeyCountAsync(planId));
    }

    [Fact]
    public async Task Plan_keys_page_by_position_in_id_order_without_gaps_or_repeats()
    {
        using var created = await _http.PostAsync("/usageplans", Json("""{"name":"paged"}"""));
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var planId = (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
        await ImportIntoPlanAsync(planId, 230);

        var ids = new List<string>();
        string? position = null;
        var pages = 0;
        do
        {
            var query = position is null ? string.Empty : $"&position={Uri.EscapeDataString(position)}";
            using var response = await _http.GetAsync($"/usageplans/{planId}/keys?limit=100{query}");
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var page = await response.ReadJsonAsync();
            ids.AddRange(page.GetProperty("item").EnumerateArray().Select(k => k.GetProperty("id").GetString()!));
            position = page.TryGetProperty("position", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
        }
        while (position is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(230, ids.Count);
        Assert.Equal(230, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task Plan_associations_and_key_listings_survive_their_grains_deactivation()
    {
        using var created = await _http.PostAsync("/usageplans", Json("""{"name":"reloaded"}"""));
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var planId = (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
        var prefix = "reload" + Guid.NewGuid().ToString("N")[..8];
        var keyId = await ImportIntoPlanAsync(planId, 40, prefix);

        await fixture.Client.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await fixture.Client.GetGrain<IApiKeyListingShardGrain>(ApiKeyListingShards.For(keyId)).Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal(40, await PlanKeyCountAsync(planId));
        using var listing = await _http.GetAsync($"/apikeys?name={prefix}&limit=500");
        var ids = (await listing.ReadJsonAsync()).GetProperty("item").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Contains(keyId, ids);
        using var plansOfKey = await _http.GetAsync($"/usageplans?keyId={keyId}");
        Assert.Contains(planId, (await plansOfKey.ReadJsonAsync()).GetProperty("item").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }
}

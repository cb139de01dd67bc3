using System.Net;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>An API with 10,000 resources routes every request to the right one.</summary>
public sealed class LargeApiRoutingTests
{
    [Fact]
    public async Task TenThousandRoutesEachServeTheirOwnRequests()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        var api = new TestApi();
        for (var i = 0; i < 2500; i++)
        {
            api.MockRoute($"/svc{i}/items", "GET")
               .MockRoute($"/svc{i}/items/{{id}}", "GET")
               .MockRoute($"/svc{i}/items/{{id}}/parts/latest", "GET")
               .MockRoute($"/svc{i}/{{proxy+}}", "ANY");
        }
        Assert.True(gateway.Store.Apply(api.Build(1)));

        foreach (var i in new[] { 0, 1, 777, 1234, 2499 })
        {
            Assert.Equal("GET /svc{i}/items".Replace("{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                await BodyAsync(gateway, $"/prod/svc{i}/items"));
            Assert.Equal($"GET /svc{i}/items/{{id}}", await BodyAsync(gateway, $"/prod/svc{i}/items/abc"));
            Assert.Equal($"GET /svc{i}/items/{{id}}/parts/latest", await BodyAsync(gateway, $"/prod/svc{i}/items/abc/parts/latest"));
            Assert.Equal($"ANY /svc{i}/{{proxy+}}", await BodyAsync(gateway, $"/prod/svc{i}/items/abc/parts/old"));
        }
        var unknown = await gateway.GetAsync("/prod/svc2500/items");
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
    }

    private static async Task<string> BodyAsync(GatewayUnderTest gateway, string path)
    {
        var response = await gateway.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Waf.Engine.Edge;

/// <summary>The WAF on a real data plane: what a client sees, and whether the backend was called.</summary>
public sealed class WafEdgeTests(WafEdgeFixture edge) : IClassFixture<WafEdgeFixture>
{
    private static readonly string AdminPath = ByteMatch("/prod/items/admin", """{"UriPath": {}}""", "STARTS_WITH");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    private async Task AssertWafFilteredAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("ForbiddenException", Header(response, "x-amzn-ErrorType"));
        Assert.NotNull(Header(response, "x-amzn-RequestId"));
    }

    [Fact]
    public async Task BlockedRequestGetsWafFilteredAndNeverReachesTheBackend()
    {
        edge.UseAcl(Acl(rules: Rule("block-admin", 0, AdminPath)));
        var before = edge.Backend.RequestsReceived;

        using var blocked = await edge.SendAsync(HttpMethod.Get, "/prod/items/admin/users");
        using var allowed = await edge.SendAsync(HttpMethod.Get, "/prod/items");

        await AssertWafFilteredAsync(blocked);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(before + 1, edge.Backend.RequestsReceived);
        lock (edge.Matches)
        {
            Assert.Contains(("test-acl", "block-admin", "BLOCK"), edge.Matches);
        }
    }

    [Fact]
    public async Task RequestForAResourceThatDoesNotExistIsStillInspected()
    {
        edge.UseAcl(Acl(rules: Rule("block-probe", 0, ByteMatch("wp-login", """{"UriPath": {}}"""))));

        using var probe = await edge.SendAsync(HttpMethod.Get, "/prod/wp-login.php");
        using var missing = await edge.SendAsync(HttpMethod.Get, "/prod/nothing-here");

        await AssertWafFilteredAsync(probe);
        Assert.Equal("MissingAuthenticationTokenException", Header(missing, "x-amzn-ErrorType"));
    }

    [Fact]
    public async Task CountRuleLetsTheRequestThroughAndCountsTheMatch()
    {
        edge.UseAcl(Acl(rules: Rule("count-items", 0, ByteMatch("/prod/items", """{"UriPath": {}}""", "STARTS_WITH"), """{"Count": {}}""")));
        var before = edge.Backend.RequestsReceived;

        using var response = await edge.SendAsync(HttpMethod.Get, "/prod/items?x=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, edge.Backend.RequestsReceived);
        lock (edge.Matches)
        {
            Assert.Contains(("test-acl", "count-items", "COUNT"), edge.Matches);
        }
    }

    [Fact]
    public async Task BlockWithCustomResponseSendsItsStatusBodyAndHeaders()
    {
        const string bodies = """{"rate": {"ContentType": "APPLICATION_JSON", "Content": "{\"error\":\"slow down\"}"}}""";
        const string action = """{"Block": {"CustomResponse": {"ResponseCode": 429, "CustomResponseBodyKey": "rate", "ResponseHeaders": [{"Name": "reason", "Value": "policy"}]}}}""";
        edge.UseAcl(Acl(customBodies: bodies, rules: Rule("custom", 0, ByteMatch("/prod/items", """{"UriPath": {}}"""), action)));
        var before = edge.Backend.RequestsReceived;

        using var response = await edge.SendAsync(HttpMethod.Get, "/prod/items");

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("{\"error\":\"slow down\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("policy", Header(response, "x-amzn-waf-reason"));
        Assert.Equal(before, edge.Backend.RequestsReceived);
    }

    [Fact]
    public async Task GeoMatchBlocksByTheTrustedCountryHeader()
    {
        edge.UseAcl(Acl(rules: Rule("geo", 0, """{"GeoMatchStatement": {"CountryCodes": ["KP"]}}""")));

        using var blocked = await edge.SendAsync(HttpMethod.Get, "/prod/items", null, (WafEdgeFixture.CountryHeader, "KP"));
        using var allowed = await edge.SendAsync(HttpMethod.Get, "/prod/items", null, (WafEdgeFixture.CountryHeader, "FR"));

        await AssertWafFilteredAsync(blocked);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task GeoMatchWithoutTheHeaderUsesTheConfiguredCountryDatabase()
    {
        edge.UseAcl(Acl(rules: Rule("geo", 0, """{"GeoMatchStatement": {"CountryCodes": ["AQ"]}}""")));

        using var fromDatabase = await edge.SendAsync(HttpMethod.Get, "/prod/items");
        using var headerWins = await edge.SendAsync(HttpMethod.Get, "/prod/items", null, (WafEdgeFixture.CountryHeader, "FR"));

        await AssertWafFilteredAsync(fromDatabase);
        Assert.Equal(HttpStatusCode.OK, headerWins.StatusCode);
    }

    [Fact]
    public async Task IpSetBlocksTheLoopbackClientOnlyWhenItIsInTheSet()
    {
        var references = new WafTestReferences();
        references.IpSets["arn:loopback"] = ["127.0.0.0/8", "::1/128"];
        references.IpSets["arn:elsewhere"] = ["203.0.113.0/24"];
        edge.Acls.Associate(WafEdgeFixture.ApiId, "prod", Compile(Acl(rules: Rule("ips", 0, """{"IPSetReferenceStatement": {"ARN": "arn:loopback"}}""")), references));

        using var blocked = await edge.SendAsync(HttpMethod.Get, "/prod/items");
        edge.Acls.Associate(WafEdgeFixture.ApiId, "prod", Compile(Acl(rules: Rule("ips", 0, """{"IPSetReferenceStatement": {"ARN": "arn:elsewhere"}}""")), references));
        using var allowed = await edge.SendAsync(HttpMethod.Get, "/prod/items");

        await AssertWafFilteredAsync(blocked);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task BodyMatchWithinTheInspectionLimitBlocks()
    {
        edge.UseAcl(Acl(rules: Rule("body", 0, ByteMatch("forbidden-word", """{"Body": {"OversizeHandling": "CONTINUE"}}"""))));
        var before = edge.Backend.RequestsReceived;

        using var response = await edge.SendAsync(HttpMethod.Post, "/prod/upload", new StringContent(new string('a', 900) + "forbidden-word", Encoding.UTF8, "text/plain"));

        await AssertWafFilteredAsync(response);
        Assert.Equal(before, edge.Backend.RequestsReceived);
    }

    [Fact]
    public async Task BodyMatchBeyondTheInspectionLimitIsNotSeenAndTheBackendGetsTheWholeBody()
    {
        edge.UseAcl(Acl(rules: Rule("body", 0, ByteMatch("forbidden-word", """{"Body": {"OversizeHandling": "CONTINUE"}}"""))));
        var body = new string('a', 5000) + "forbidden-word";

        using var response = await edge.SendAsync(HttpMethod.Post, "/prod/upload", new StringContent(body, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(body.Length, echo.RootElement.GetProperty("bodyLength").GetInt32());
        Assert.Equal(body, echo.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task OversizeChunkedBodyWithOversizeMatchIsBlocked()
    {
        edge.UseAcl(Acl(rules: Rule("oversize", 0, ByteMatch("never", """{"Body": {"OversizeHandling": "MATCH"}}"""))));
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string('b', 3000))));
        content.Headers.ContentType = new("text/plain");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/prod/upload") { Content = content };
        request.Headers.Host = $"{WafEdgeFixture.ApiId}.execute-api.localhost";
        request.Headers.TransferEncodingChunked = true;
        using var response = await edge.Client.SendAsync(request);

        await AssertWafFilteredAsync(response);
    }

    [Fact]
    public async Task CoreRuleSetBlocksSqlInjectionAndLetsOrdinaryTrafficThrough()
    {
        edge.UseAcl(Acl(rules: GroupRule("core", 0, """{"ManagedRuleGroupStatement": {"VendorName": "OrleansGateway", "Name": "CoreRuleSet"}}""")));
        var before = edge.Backend.RequestsReceived;

        using var attack = await edge.SendAsync(HttpMethod.Get, "/prod/items?id=1%27%20OR%20%271%27%3D%271", null, ("User-Agent", "Mozilla/5.0"));
        using var xssBody = await edge.SendAsync(HttpMethod.Post, "/prod/upload", new StringContent("""{"comment": "<script>alert(document.cookie)</script>"}""", Encoding.UTF8, "application/json"), ("User-Agent", "Mozilla/5.0"));
        using var ordinary = await edge.SendAsync(HttpMethod.Post, "/prod/upload?page=2", new StringContent("""{"name": "Rex", "note": "likes fetch & naps"}""", Encoding.UTF8, "application/json"), ("User-Agent", "Mozilla/5.0"));

        await AssertWafFilteredAsync(attack);
        await AssertWafFilteredAsync(xssBody);
        Assert.Equal(HttpStatusCode.OK, ordinary.StatusCode);
        Assert.Equal(before + 1, edge.Backend.RequestsReceived);
    }

    [Fact]
    public async Task StageWithoutAWebAclIsNotInspected()
    {
        edge.UseAcl(Acl("""{"Block": {}}"""));

        using var prod = await edge.SendAsync(HttpMethod.Get, "/prod/items");
        using var open = await edge.SendAsync(HttpMethod.Get, "/open/items");

        await AssertWafFilteredAsync(prod);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }
}

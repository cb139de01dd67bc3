using System.Text;
using OrleansGateway.Edge.DataPlane.Waf;
using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>Rules in priority order, the Allow / Block / Count actions, custom responses and the default action.</summary>
public sealed class RuleEvaluationTests
{
    private static readonly string IsAdmin = ByteMatch("/admin", """{"UriPath": {}}""", "STARTS_WITH");
    private static readonly string FromOffice = ByteMatch("office", """{"SingleHeader": {"Name": "x-site"}}""", "EXACTLY");

    [Fact]
    public void RulesRunInPriorityOrderNotInListOrder()
    {
        // Listed Block first, but the Allow has the lower priority number, so it wins.
        var acl = Compile(Acl(rules: [Rule("block-admin", 5, IsAdmin), Rule("allow-office", 1, FromOffice, """{"Allow": {}}""")]));

        var verdict = acl.Evaluate(Request(acl, path: "/admin", headers: [("x-site", "office")]));

        Assert.Equal(new WafVerdict(WafActionKind.Allow, "allow-office", null), verdict);
        Assert.Equal(["allow-office", "block-admin"], acl.RuleNames);
    }

    [Fact]
    public void CountRecordsTheMatchAndGoesOnToTheNextRule()
    {
        var acl = Compile(Acl(rules: [Rule("count-admin", 0, IsAdmin, """{"Count": {}}"""), Rule("block-office", 1, FromOffice)]));

        var request = Request(acl, path: "/admin", headers: [("x-site", "office")]);
        var verdict = acl.Evaluate(request);

        Assert.Equal(WafActionKind.Block, verdict.Action);
        Assert.Equal("block-office", verdict.RuleName);
        Assert.Equal(["count-admin"], request.CountedRules!);
    }

    [Fact]
    public void CountOnlyLetsTheRequestThroughUnderTheDefaultAction()
    {
        var acl = Compile(Acl(rules: Rule("count-admin", 0, IsAdmin, """{"Count": {}}""")));

        var verdict = acl.Evaluate(Request(acl, path: "/admin"));

        Assert.Equal(new WafVerdict(WafActionKind.Allow, null, null), verdict);
    }

    [Fact]
    public void DefaultBlockRefusesWhatNoRuleAllowed()
    {
        var acl = Compile(Acl("""{"Block": {}}""", rules: Rule("allow-office", 0, FromOffice, """{"Allow": {}}""")));

        Assert.Equal(WafActionKind.Allow, acl.Evaluate(Request(acl, headers: [("x-site", "office")])).Action);
        Assert.Equal(new WafVerdict(WafActionKind.Block, null, null), acl.Evaluate(Request(acl)));
    }

    [Fact]
    public void BlockWithCustomResponseCarriesStatusBodyAndPrefixedHeaders()
    {
        const string bodies = """{"blocked-json": {"ContentType": "APPLICATION_JSON", "Content": "{\"error\":\"go away\"}"}}""";
        const string action = """{"Block": {"CustomResponse": {"ResponseCode": 429, "CustomResponseBodyKey": "blocked-json", "ResponseHeaders": [{"Name": "reason", "Value": "admin"}]}}}""";
        var acl = Compile(Acl(customBodies: bodies, rules: Rule("block-admin", 0, IsAdmin, action)));

        var custom = acl.Evaluate(Request(acl, path: "/admin")).CustomResponse;

        Assert.NotNull(custom);
        Assert.Equal(429, custom.StatusCode);
        Assert.Equal("application/json", custom.ContentType);
        Assert.Equal("{\"error\":\"go away\"}", Encoding.UTF8.GetString(custom.Body!));
        Assert.Equal([new KeyValuePair<string, string>("x-amzn-waf-reason", "admin")], custom.Headers);
    }

    [Fact]
    public void CustomResponseNamingAMissingBodyIsRefusedAtCompileTime()
    {
        const string action = """{"Block": {"CustomResponse": {"ResponseCode": 403, "CustomResponseBodyKey": "nope"}}}""";

        var error = CompileFails(Acl(rules: Rule("block-admin", 0, IsAdmin, action)));

        Assert.Contains("Rules[block-admin].Action.Block.CustomResponse.CustomResponseBodyKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchingRuleAddsItsLabelsFullyQualified()
    {
        var acl = Compile(Acl(rules: Rule("tag", 0, IsAdmin, """{"Count": {}}""", """[{"Name": "area:admin"}]""")));
        var request = Request(acl, path: "/admin");

        acl.Evaluate(request);

        Assert.Equal(["awswaf:000000000000:webacl:test-acl:area:admin"], request.Labels!);
    }
}

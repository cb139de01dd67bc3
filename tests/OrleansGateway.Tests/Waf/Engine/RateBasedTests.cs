using OrleansGateway.Edge.DataPlane.Waf;
using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>Rate-based statements: what is counted, under which key, and that the key is blocked while over the limit.</summary>
public sealed class RateBasedTests
{
    [Fact]
    public void SourceIpIsBlockedOnceOverTheLimitWhileOtherIpsAreNot()
    {
        var counter = new InMemoryRateCounter();
        var acl = Compile(Acl(rules: Rule("rate", 0, """{"RateBasedStatement": {"Limit": 10, "EvaluationWindowSec": 60, "AggregateKeyType": "IP"}}""")));

        var verdicts = Enumerable.Range(0, 12).Select(_ => acl.Evaluate(Request(acl, sourceIp: "198.51.100.1", rateCounter: counter)).Action).ToList();

        Assert.Equal(Enumerable.Repeat(WafActionKind.Allow, 10).Concat(Enumerable.Repeat(WafActionKind.Block, 2)), verdicts);
        Assert.Equal(WafActionKind.Allow, acl.Evaluate(Request(acl, sourceIp: "198.51.100.2", rateCounter: counter)).Action);
    }

    [Fact]
    public void ForwardedIpIsTheKeyAndTheRuleIsKeyedByWebAclAndRuleName()
    {
        var counter = new InMemoryRateCounter();
        var acl = Compile(Acl(rules: Rule("per-client", 0, """{"RateBasedStatement": {"Limit": 100, "AggregateKeyType": "FORWARDED_IP", "ForwardedIPConfig": {"HeaderName": "X-Forwarded-For", "FallbackBehavior": "NO_MATCH"}}}""")));
        var statement = Assert.IsType<OrleansGateway.Edge.DataPlane.Waf.Statements.RateBasedStatement>(acl.Rules[0].Statement);

        acl.Evaluate(Request(acl, headers: [("X-Forwarded-For", "192.0.2.9, 10.0.0.1")], rateCounter: counter));
        acl.Evaluate(Request(acl, rateCounter: counter));

        Assert.Equal(["192.0.2.9"], counter.Keys);
        Assert.Equal(new OrleansGateway.Edge.DataPlane.Waf.RateBased.WafRateRule(AclArn, "per-client", 100, TimeSpan.FromMinutes(5)), statement.Rule);
    }

    [Fact]
    public void ScopeDownStatementLimitsWhatIsCounted()
    {
        var counter = new InMemoryRateCounter();
        var scope = ByteMatch("/prod/login", """{"UriPath": {}}""", "STARTS_WITH");
        var acl = Compile(Acl(rules: Rule("login-rate", 0, $$$"""{"RateBasedStatement": {"Limit": 10, "AggregateKeyType": "IP", "ScopeDownStatement": {{{scope}}}}}""")));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(WafActionKind.Allow, acl.Evaluate(Request(acl, path: "/prod/items", rateCounter: counter)).Action);
        }
        Assert.Empty(counter.Keys);
    }

    [Fact]
    public void WithoutARateCounterRateRulesNeverMatch()
    {
        var acl = Compile(Acl(rules: Rule("rate", 0, """{"RateBasedStatement": {"Limit": 10, "AggregateKeyType": "IP"}}""")));

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(WafActionKind.Allow, acl.Evaluate(Request(acl, rateCounter: null)).Action));
    }

    [Theory]
    [InlineData("""{"RateBasedStatement": {"Limit": 5, "AggregateKeyType": "IP"}}""", "Limit")]
    [InlineData("""{"RateBasedStatement": {"Limit": 100, "EvaluationWindowSec": 90, "AggregateKeyType": "IP"}}""", "EvaluationWindowSec")]
    [InlineData("""{"RateBasedStatement": {"Limit": 100, "AggregateKeyType": "CUSTOM_KEYS"}}""", "AggregateKeyType")]
    [InlineData("""{"RateBasedStatement": {"Limit": 100, "AggregateKeyType": "CONSTANT"}}""", "ScopeDownStatement")]
    [InlineData("""{"NotStatement": {"Statement": {"RateBasedStatement": {"Limit": 100, "AggregateKeyType": "IP"}}}}""", "top-level")]
    public void InvalidRateBasedStatementIsRefusedNamingTheField(string statement, string field) =>
        Assert.Contains(field, CompileFails(Acl(rules: Rule("rate", 0, statement))).Message, StringComparison.Ordinal);
}

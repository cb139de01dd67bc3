using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Config;

namespace OrleansGateway.Tests.Audit;

public sealed class JsonRuleTests
{
    private static readonly JsonNode Stage = JsonNode.Parse("""
        {"stageName": "prod", "tracingEnabled": false, "variables": {"env": "prod"},
         "methodSettings": {"*/*": {"cachingEnabled": true, "cacheDataEncrypted": true, "throttlingRateLimit": 100}},
         "tags": ["a", "b"]}
        """)!;

    [Theory]
    [InlineData("""{"path": "stageName", "equals": "prod"}""", true)]
    [InlineData("""{"path": "tracingEnabled", "equals": true}""", false)]
    [InlineData("""{"path": "methodSettings.*.cacheDataEncrypted", "equals": true}""", true)]
    [InlineData("""{"path": "methodSettings.*.throttlingRateLimit", "lessThan": 50}""", false)]
    [InlineData("""{"path": "methodSettings.*.throttlingRateLimit", "greaterThan": 50}""", true)]
    [InlineData("""{"path": "variables.env", "in": ["prod", "staging"]}""", true)]
    [InlineData("""{"path": "variables.env", "notIn": ["prod"]}""", false)]
    [InlineData("""{"path": "accessLogSettings", "exists": true}""", false)]
    [InlineData("""{"path": "accessLogSettings", "exists": false}""", true)]
    [InlineData("""{"path": "tags", "contains": "b"}""", true)]
    [InlineData("""{"path": "tags.0", "equals": "a"}""", true)]
    [InlineData("""{"path": "stageName", "matches": "^pr"}""", true)]
    [InlineData("""{"path": "nothing.here", "equals": 1}""", false)]
    public void Evaluates_a_single_condition(string condition, bool expected)
    {
        var rule = JsonRule.Parse($$"""{"resourceType": "AWS::ApiGateway::Stage", "conditions": [{{condition}}]}""");
        Assert.Equal(expected, rule.Evaluate(Stage).Compliant);
    }

    [Fact]
    public void Any_passes_when_one_condition_does_and_all_names_the_failing_one()
    {
        const string Conditions = """[{"path": "tracingEnabled", "equals": true}, {"path": "stageName", "equals": "prod"}]""";
        Assert.True(JsonRule.Parse($$"""{"resourceType": "X", "match": "any", "conditions": {{Conditions}}}""").Evaluate(Stage).Compliant);
        var (compliant, annotation) = JsonRule.Parse($$"""{"resourceType": "X", "conditions": {{Conditions}}}""").Evaluate(Stage);
        Assert.False(compliant);
        Assert.Equal("tracingEnabled is false, expected equals true", annotation);
    }

    [Theory]
    [InlineData("""{"path": "a", "equals": 1}""")]
    [InlineData("""{"resourceType": "X", "path": "a"}""")]
    [InlineData("""{"resourceType": "X", "path": "a", "equals": 1, "in": [1]}""")]
    [InlineData("""{"resourceType": "X", "path": "a", "in": 1}""")]
    [InlineData("""{"resourceType": "X", "path": "a", "greaterThan": "1"}""")]
    [InlineData("""{"resourceType": "X", "path": "a", "matches": "("}""")]
    [InlineData("""{"resourceType": "X", "match": "most", "path": "a", "equals": 1}""")]
    public void Rejects_rules_it_cannot_evaluate(string policy) =>
        Assert.Throws<ArgumentException>(() => JsonRule.Parse(policy));
}

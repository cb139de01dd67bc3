using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Tests.Audit;

public sealed class AlarmRuleExpressionTests
{
    private static readonly Dictionary<string, string> States = new()
    {
        ["errors"] = "ALARM",
        ["latency"] = "OK",
        ["new alarm"] = "INSUFFICIENT_DATA",
    };

    [Theory]
    [InlineData("ALARM(errors)", true)]
    [InlineData("ALARM(\"errors\") AND OK(latency)", true)]
    [InlineData("ALARM(errors) AND NOT OK(latency)", false)]
    [InlineData("ALARM(latency) OR ALARM(errors)", true)]
    [InlineData("NOT (ALARM(latency) OR ALARM(errors))", false)]
    [InlineData("INSUFFICIENT_DATA(\"new alarm\")", true)]
    [InlineData("ALARM(unknown)", false)]
    [InlineData("TRUE AND NOT FALSE", true)]
    [InlineData("OK(latency) OR ALARM(latency) AND FALSE", true)]
    public void Evaluates_with_not_then_and_then_or(string rule, bool expected) =>
        Assert.Equal(expected, AlarmRuleExpression.Parse(rule).Evaluate(name => States.GetValueOrDefault(name)));

    [Theory]
    [InlineData("")]
    [InlineData("ALARM(errors) AND")]
    [InlineData("ALARM errors")]
    [InlineData("ALARM(\"errors)")]
    [InlineData("(ALARM(errors)")]
    [InlineData("SOMETIMES(errors)")]
    [InlineData("ALARM(errors) extra")]
    public void Rejects_malformed_rules(string rule) =>
        Assert.Throws<FormatException>(() => AlarmRuleExpression.Parse(rule));

    [Fact]
    public void Rejects_nesting_deeper_than_the_bound()
    {
        var rule = string.Concat(Enumerable.Repeat("NOT ", 40)) + "TRUE";
        Assert.Throws<FormatException>(() => AlarmRuleExpression.Parse(rule));
    }

    [Fact]
    public void Lists_the_alarms_it_names() =>
        Assert.Equal(["a", "b c"], AlarmRuleExpression.Parse("ALARM(a) OR OK(\"b c\")").References);
}

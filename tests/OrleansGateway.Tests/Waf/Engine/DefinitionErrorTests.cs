using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>Invalid or unsupported web ACLs are refused with a message that names the rule and field.</summary>
public sealed class DefinitionErrorTests
{
    private static readonly string AnyPath = ByteMatch("x", """{"UriPath": {}}""");

    [Theory]
    [InlineData("""{"ByteMatchStatement": {"SearchString": "eA==", "FieldToMatch": {"UriPath": {}}, "TextTransformations": [], "PositionalConstraint": "SOMEWHERE"}}""", "Rules[r].Statement.ByteMatchStatement.PositionalConstraint")]
    [InlineData("""{"ByteMatchStatement": {"SearchString": "eA==", "FieldToMatch": {"JA3Fingerprint": {}}, "TextTransformations": [], "PositionalConstraint": "CONTAINS"}}""", "FieldToMatch.JA3Fingerprint")]
    [InlineData("""{"ByteMatchStatement": {"SearchString": "eA==", "FieldToMatch": {"UriPath": {}}, "TextTransformations": [{"Priority": 0, "Type": "MD5"}], "PositionalConstraint": "CONTAINS"}}""", "TextTransformations[0].Type")]
    [InlineData("""{"ByteMatchStatement": {"SearchString": "eA==", "FieldToMatch": {"UriPath": {}, "Method": {}}, "TextTransformations": [], "PositionalConstraint": "CONTAINS"}}""", "FieldToMatch: exactly one")]
    [InlineData("""{"IPSetReferenceStatement": {"ARN": "arn:missing"}}""", "no IP set arn:missing")]
    [InlineData("""{"GeoMatchStatement": {"CountryCodes": ["Germany"]}}""", "CountryCodes")]
    [InlineData("""{"AndStatement": {"Statements": [{"GeoMatchStatement": {"CountryCodes": ["DE"]}}]}}""", "at least 2")]
    [InlineData("""{"AsnMatchStatement": {}}""", "AsnMatchStatement is not supported")]
    public void InvalidStatementIsRefusedNamingRuleAndField(string statement, string expected) =>
        Assert.Contains(expected, CompileFails(Acl(rules: Rule("r", 0, statement))).Message, StringComparison.Ordinal);

    [Fact]
    public void DuplicatePriorityIsRefused() =>
        Assert.Contains("Rules[b].Priority", CompileFails(Acl(rules: [Rule("a", 1, AnyPath), Rule("b", 1, AnyPath)])).Message, StringComparison.Ordinal);

    [Fact]
    public void CaptchaActionIsRefusedAsUnsupported() =>
        Assert.Contains("Captcha is not supported", CompileFails(Acl(rules: Rule("a", 1, AnyPath, """{"Captcha": {}}"""))).Message, StringComparison.Ordinal);

    [Fact]
    public void DefaultActionCountIsRefused() =>
        Assert.Contains("WebACL.DefaultAction", CompileFails(Acl("""{"Count": {}}""")).Message, StringComparison.Ordinal);

    [Fact]
    public void StatementsNestedTooDeeplyAreRefused()
    {
        var statement = AnyPath;
        for (var i = 0; i < 15; i++)
        {
            statement = $$$"""{"NotStatement": {"Statement": {{{statement}}}}}""";
        }

        Assert.Contains("nest deeper", CompileFails(Acl(rules: Rule("deep", 0, statement))).Message, StringComparison.Ordinal);
    }
}

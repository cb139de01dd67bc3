using OrleansGateway.Edge.DataPlane.Waf;
using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>Each WAFv2 statement type, compiled from its JSON and evaluated on a request.</summary>
public sealed class StatementTests
{
    private const string UriPath = """{"UriPath": {}}""";
    private const string QueryString = """{"QueryString": {}}""";

    [Theory]
    [InlineData("EXACTLY", "/admin", "/admin", true)]
    [InlineData("EXACTLY", "/admin", "/admin/x", false)]
    [InlineData("STARTS_WITH", "/admin", "/admin/users", true)]
    [InlineData("STARTS_WITH", "/admin", "/x/admin", false)]
    [InlineData("ENDS_WITH", ".php", "/index.php", true)]
    [InlineData("ENDS_WITH", ".php", "/index.php5", false)]
    [InlineData("CONTAINS", "wp-", "/blog/wp-login", true)]
    [InlineData("CONTAINS", "wp-", "/blog/login", false)]
    [InlineData("CONTAINS_WORD", "admin", "/x/admin/y", true)]
    [InlineData("CONTAINS_WORD", "admin", "/x/administrator", false)]
    [InlineData("CONTAINS_WORD", "admin", "admin", true)]
    [InlineData("CONTAINS_WORD", "admin", "/sysadmin /admin", true)]
    public void ByteMatchHonoursThePositionalConstraint(string constraint, string search, string path, bool blocked) =>
        Assert.Equal(blocked, Blocks(ByteMatch(search, UriPath, constraint), acl => Request(acl, path: path)));

    [Fact]
    public void ByteMatchIsCaseSensitiveUnlessLowercased()
    {
        Assert.False(Blocks(ByteMatch("select", QueryString), acl => Request(acl, query: "q=SELECT")));
        Assert.True(Blocks(ByteMatch("select", QueryString, transformations: Transformations("LOWERCASE")), acl => Request(acl, query: "q=SELECT")));
    }

    [Fact]
    public void ByteMatchSeesThroughUrlEncodingWithUrlDecode()
    {
        var statement = ByteMatch("<script>", QueryString, transformations: Transformations("URL_DECODE"));

        Assert.True(Blocks(statement, acl => Request(acl, query: "q=%3Cscript%3E")));
        Assert.False(Blocks(ByteMatch("<script>", QueryString), acl => Request(acl, query: "q=%3Cscript%3E")));
    }

    [Fact]
    public void ByteMatchAcceptsCloudFormationsSearchStringBase64()
    {
        var statement = """{"ByteMatchStatement": {"SearchStringBase64": "YmFk", "FieldToMatch": {"UriPath": {}}, "TextTransformations": [{"Priority": 0, "Type": "NONE"}], "PositionalConstraint": "CONTAINS"}}""";

        Assert.True(Blocks(statement, acl => Request(acl, path: "/bad")));
    }

    [Fact]
    public void RegexMatchMatchesAnywhereInTheValue()
    {
        const string statement = """{"RegexMatchStatement": {"RegexString": "^/v[0-9]+/internal", "FieldToMatch": {"UriPath": {}}, "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}""";

        Assert.True(Blocks(statement, acl => Request(acl, path: "/v12/internal/x")));
        Assert.False(Blocks(statement, acl => Request(acl, path: "/v12/public")));
    }

    [Theory]
    [InlineData("(a)\\1")]
    [InlineData("foo(?=bar)")]
    [InlineData("(?<!x)y")]
    public void RegexThatCannotRunInLinearTimeIsRefused(string pattern)
    {
        var statement = $$$"""{"RegexMatchStatement": {"RegexString": "{{{pattern.Replace("\\", "\\\\", StringComparison.Ordinal)}}}", "FieldToMatch": {"UriPath": {}}, "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}""";

        var error = CompileFails(Acl(rules: Rule("evil-regex", 0, statement)));

        Assert.Contains("Rules[evil-regex]", error.Message, StringComparison.Ordinal);
        Assert.Contains("RegexString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CatastrophicBacktrackingPatternStaysFastOnAHostileInput()
    {
        const string statement = """{"RegexMatchStatement": {"RegexString": "^(a+)+$", "FieldToMatch": {"QueryString": {}}, "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}""";
        var hostile = new string('a', 5000) + "!";

        // A backtracking engine takes astronomically long here; the non-backtracking one answers at once.
        Assert.False(Blocks(statement, acl => Request(acl, query: hostile)));
    }

    [Fact]
    public void RegexPatternSetMatchesWhenAnyPatternMatches()
    {
        var references = new WafTestReferences();
        references.RegexSets["arn:regexset"] = ["^/admin", "\\.git/"];
        const string statement = """{"RegexPatternSetReferenceStatement": {"ARN": "arn:regexset", "FieldToMatch": {"UriPath": {}}, "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}""";

        Assert.True(Blocks(statement, acl => Request(acl, path: "/repo/.git/config"), references));
        Assert.True(Blocks(statement, acl => Request(acl, path: "/admin"), references));
        Assert.False(Blocks(statement, acl => Request(acl, path: "/pets"), references));
    }

    [Theory]
    [InlineData("192.0.2.44", true)]
    [InlineData("192.0.3.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("::ffff:192.0.2.5", true)]
    public void IpSetMatchesIpv4AndIpv6Cidrs(string sourceIp, bool blocked)
    {
        var references = new WafTestReferences();
        references.IpSets["arn:ipset"] = ["192.0.2.0/24", "2001:db8::/32"];
        const string statement = """{"IPSetReferenceStatement": {"ARN": "arn:ipset"}}""";

        Assert.Equal(blocked, Blocks(statement, acl => Request(acl, sourceIp: sourceIp), references));
    }

    [Theory]
    [InlineData("198.51.100.9, 10.0.0.1", "FIRST", true)]
    [InlineData("10.0.0.1, 198.51.100.9", "FIRST", false)]
    [InlineData("10.0.0.1, 198.51.100.9", "LAST", true)]
    [InlineData("10.0.0.1, 198.51.100.9", "ANY", true)]
    [InlineData("not-an-ip", "FIRST", true)]
    public void IpSetWithForwardedIpConfigTestsTheHeadersAddressAndFallsBackWhenItIsUnusable(string forwardedFor, string position, bool blocked)
    {
        var references = new WafTestReferences();
        references.IpSets["arn:ipset"] = ["198.51.100.0/24"];
        var statement = $$$$"""{"IPSetReferenceStatement": {"ARN": "arn:ipset", "IPSetForwardedIPConfig": {"HeaderName": "X-Forwarded-For", "FallbackBehavior": "MATCH", "Position": "{{{{position}}}}"}}}""";

        Assert.Equal(blocked, Blocks(statement, acl => Request(acl, sourceIp: "127.0.0.1", headers: [("X-Forwarded-For", forwardedFor)]), references));
    }

    [Fact]
    public void GeoMatchTakesTheCountryFromTheTrustedHeaderOnlyWhenOneIsConfigured()
    {
        const string statement = """{"GeoMatchStatement": {"CountryCodes": ["KP", "IR"]}}""";

        Assert.True(Blocks(statement, acl => Request(acl, headers: [("CloudFront-Viewer-Country", "kp")], countryHeader: "CloudFront-Viewer-Country")));
        Assert.False(Blocks(statement, acl => Request(acl, headers: [("CloudFront-Viewer-Country", "FR")], countryHeader: "CloudFront-Viewer-Country")));
        Assert.False(Blocks(statement, acl => Request(acl, headers: [("CloudFront-Viewer-Country", "KP")], countryHeader: null)));
    }

    [Fact]
    public void GeoMatchWithForwardedIpFallsBackWhenTheHeaderIsMissing()
    {
        const string statement = """{"GeoMatchStatement": {"CountryCodes": ["KP"], "ForwardedIPConfig": {"HeaderName": "X-Forwarded-For", "FallbackBehavior": "MATCH"}}}""";

        Assert.True(Blocks(statement, acl => Request(acl)));
    }

    [Theory]
    [InlineData("GT", 10, "q=12345678901", true)]
    [InlineData("GT", 10, "q=1234567", false)]
    [InlineData("LE", 3, "a=1", true)]
    [InlineData("EQ", 3, "a=1", true)]
    [InlineData("NE", 3, "a=1", false)]
    [InlineData("LT", 3, "a=1", false)]
    [InlineData("GE", 3, "a=1", true)]
    public void SizeConstraintComparesTheValuesSizeInBytes(string comparison, int size, string query, bool blocked)
    {
        var statement = $$$"""{"SizeConstraintStatement": {"FieldToMatch": {"QueryString": {}}, "ComparisonOperator": "{{{comparison}}}", "Size": {{{size}}}, "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}""";

        Assert.Equal(blocked, Blocks(statement, acl => Request(acl, query: query)));
    }

    [Fact]
    public void SizeConstraintOnTheBodyMeasuresTheWholeBodyNotJustTheInspectedPart()
    {
        const string statement = """{"SizeConstraintStatement": {"FieldToMatch": {"Body": {}}, "ComparisonOperator": "GT", "Size": 10000, "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}""";

        Assert.True(Blocks(statement, acl => Request(acl, method: "POST", body: new string('x', 20_000))));
        Assert.False(Blocks(statement, acl => Request(acl, method: "POST", body: new string('x', 5_000))));
    }

    [Fact]
    public void AndOrNotCombineStatements()
    {
        var isPost = ByteMatch("POST", """{"Method": {}}""", "EXACTLY");
        var isAdmin = ByteMatch("/admin", UriPath, "STARTS_WITH");
        var and = $$$"""{"AndStatement": {"Statements": [{{{isPost}}}, {{{isAdmin}}}]}}""";
        var or = $$$"""{"OrStatement": {"Statements": [{{{isPost}}}, {{{isAdmin}}}]}}""";
        var notAdmin = $$$"""{"NotStatement": {"Statement": {{{isAdmin}}}}}""";

        Assert.True(Blocks(and, acl => Request(acl, method: "POST", path: "/admin/x")));
        Assert.False(Blocks(and, acl => Request(acl, method: "GET", path: "/admin/x")));
        Assert.True(Blocks(or, acl => Request(acl, method: "GET", path: "/admin/x")));
        Assert.False(Blocks(or, acl => Request(acl, method: "GET", path: "/pets")));
        Assert.True(Blocks(notAdmin, acl => Request(acl, path: "/pets")));
        Assert.False(Blocks(notAdmin, acl => Request(acl, path: "/admin")));
    }

    [Fact]
    public void LabelMatchSeesLabelsAddedByEarlierRules()
    {
        var labelling = Rule("tag-scanners", 0, ByteMatch("sqlmap", """{"SingleHeader": {"Name": "user-agent"}}"""), """{"Count": {}}""", """[{"Name": "scanner:detected"}]""");
        var blockLabelled = Rule("block-labelled", 1, """{"LabelMatchStatement": {"Scope": "LABEL", "Key": "scanner:detected"}}""");
        var blockNamespace = Rule("block-namespace", 1, """{"LabelMatchStatement": {"Scope": "NAMESPACE", "Key": "scanner"}}""");

        foreach (var second in new[] { blockLabelled, blockNamespace })
        {
            var acl = Compile(Acl(rules: [labelling, second]));
            Assert.Equal(WafActionKind.Block, acl.Evaluate(Request(acl, headers: [("User-Agent", "sqlmap/1.7")])).Action);
            Assert.Equal(WafActionKind.Allow, acl.Evaluate(Request(acl, headers: [("User-Agent", "curl/8")])).Action);
        }
    }
}

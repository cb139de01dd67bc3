using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>Each FieldToMatch: which part of the request a statement sees.</summary>
public sealed class FieldTests
{
    [Fact]
    public void SingleHeaderIsLookedUpWithoutRegardToCase() =>
        Assert.True(Blocks(ByteMatch("evil", """{"SingleHeader": {"Name": "x-api-client"}}"""), acl => Request(acl, headers: [("X-Api-Client", "evil-bot")])));

    [Fact]
    public void SingleQueryArgumentInspectsOnlyThatArgument()
    {
        var statement = ByteMatch("drop", """{"SingleQueryArgument": {"Name": "sort"}}""");

        Assert.True(Blocks(statement, acl => Request(acl, query: "page=1&sort=drop")));
        Assert.False(Blocks(statement, acl => Request(acl, query: "page=drop&sort=name")));
    }

    [Fact]
    public void AllQueryArgumentsInspectsEveryValue() =>
        Assert.True(Blocks(ByteMatch("drop", """{"AllQueryArguments": {}}"""), acl => Request(acl, query: "a=1&b=2&c=drop")));

    [Fact]
    public void MethodIsTheHttpMethod() =>
        Assert.True(Blocks(ByteMatch("DELETE", """{"Method": {}}""", "EXACTLY"), acl => Request(acl, method: "DELETE")));

    [Fact]
    public void UriPathIsThePathAsSentSoDecodingNeedsATransformation()
    {
        Assert.False(Blocks(ByteMatch("../", """{"UriPath": {}}"""), acl => Request(acl, path: "/prod/%2e%2e/etc")));
        Assert.True(Blocks(ByteMatch("../", """{"UriPath": {}}""", transformations: Transformations("URL_DECODE")), acl => Request(acl, path: "/prod/%2e%2e/etc")));
    }

    [Fact]
    public void BodyWithinTheInspectionLimitIsInspected() =>
        Assert.True(Blocks(ByteMatch("forbidden", """{"Body": {}}"""), acl => Request(acl, method: "POST", body: "{\"a\": \"forbidden\"}")));

    [Fact]
    public void BodyBeyondTheInspectionLimitIsNotSeenWithContinue()
    {
        var body = new string('x', 9000) + "forbidden";

        Assert.False(Blocks(ByteMatch("forbidden", """{"Body": {"OversizeHandling": "CONTINUE"}}"""), acl => Request(acl, method: "POST", body: body)));
    }

    [Theory]
    [InlineData("MATCH", true)]
    [InlineData("NO_MATCH", false)]
    public void OversizeBodyIsDecidedByOversizeHandling(string handling, bool blocked)
    {
        var body = new string('x', 9000);
        var statement = ByteMatch("never-there", $$$"""{"Body": {"OversizeHandling": "{{{handling}}}"}}""");

        Assert.Equal(blocked, Blocks(statement, acl => Request(acl, method: "POST", body: body)));
    }

    [Theory]
    [InlineData("VALUE", "secret", false)]
    [InlineData("VALUE", "<x>", true)]
    [InlineData("KEY", "secret", true)]
    [InlineData("ALL", "secret", true)]
    public void JsonBodyInspectsKeysOrValuesAccordingToMatchScope(string scope, string search, bool blocked)
    {
        var field = $$$"""{"JsonBody": {"MatchPattern": {"All": {}}, "MatchScope": "{{{scope}}}", "InvalidFallbackBehavior": "EVALUATE_AS_STRING"}}""";

        Assert.Equal(blocked, Blocks(ByteMatch(search, field, "EXACTLY"), acl => Request(acl, method: "POST", body: """{"secret": "<x>", "n": [1, 2]}""")));
    }

    [Fact]
    public void JsonBodyThatIsNotJsonFollowsInvalidFallbackBehavior()
    {
        var field = """{"JsonBody": {"MatchPattern": {"All": {}}, "MatchScope": "VALUE", "InvalidFallbackBehavior": "MATCH"}}""";

        Assert.True(Blocks(ByteMatch("zzz", field), acl => Request(acl, method: "POST", body: "{not json")));
    }

    [Fact]
    public void HeadersFieldHonoursIncludedHeadersAndScope()
    {
        var field = """{"Headers": {"MatchPattern": {"IncludedHeaders": ["X-One"]}, "MatchScope": "VALUE", "OversizeHandling": "CONTINUE"}}""";

        Assert.True(Blocks(ByteMatch("bad", field), acl => Request(acl, headers: [("x-one", "bad")])));
        Assert.False(Blocks(ByteMatch("bad", field), acl => Request(acl, headers: [("x-two", "bad")])));
    }

    [Fact]
    public void CookiesFieldInspectsEachCookieAndHonoursExcludedCookies()
    {
        var field = """{"Cookies": {"MatchPattern": {"ExcludedCookies": ["session"]}, "MatchScope": "VALUE", "OversizeHandling": "CONTINUE"}}""";

        Assert.True(Blocks(ByteMatch("bad", field, "EXACTLY"), acl => Request(acl, headers: [("Cookie", "session=ok; theme=bad")])));
        Assert.False(Blocks(ByteMatch("bad", field, "EXACTLY"), acl => Request(acl, headers: [("Cookie", "session=bad; theme=dark")])));
    }

    [Fact]
    public void RulesShareOneCacheSlotPerFieldAndChainAndOneExtractionPerField()
    {
        var acl = Compile(Acl(rules:
        [
            Rule("a", 0, ByteMatch("x", """{"QueryString": {}}""", transformations: Transformations("URL_DECODE", "LOWERCASE"))),
            Rule("b", 1, ByteMatch("y", """{"QueryString": {}}""", transformations: Transformations("URL_DECODE", "LOWERCASE"))),
            Rule("c", 2, ByteMatch("z", """{"QueryString": {}}""", transformations: Transformations("URL_DECODE"))),
        ]));

        Assert.Equal(2, acl.SlotCount);
        Assert.Equal(1, acl.RawSlotCount);
    }
}

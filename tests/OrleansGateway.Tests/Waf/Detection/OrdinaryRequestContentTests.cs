using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>Whole bodies and headers of ordinary API traffic, which the core rule group inspects as one value, must pass every detector.</summary>
public sealed class OrdinaryRequestContentTests
{
    [Theory]
    [InlineData("{\"order\":{\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"customer\":{\"name\":\"Jane O'Brien\",\"email\":\"jane@example.com\"},\"items\":[{\"sku\":\"A-100\",\"qty\":2,\"note\":\"gift wrap, please - and a card\"}],\"comment\":\"Leave at the door; ring twice & wait.\"}}")]
    [InlineData("{\"query\":\"select a plan\",\"sort\":\"price\",\"order\":\"desc\",\"limit\":20,\"filters\":{\"size\":\"10 or 12\",\"in_stock\":true}}")]
    [InlineData("name=Jos%C3%A9+Garc%C3%ADa&street=C%2F+Mayor+12%2C+3%C2%BA&city=Madrid&zip=28013&phone=%2B34+600+123+456")]
    [InlineData("{\"title\":\"Q&A: what's new in 2026?\",\"body\":\"We shipped 3 features & fixed 12 bugs. Read more at https://example.com/blog/2026/11/release-notes?ref=mail\"}")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")]
    [InlineData("https://shop.example.com/cart?step=2&promo=SPRING-2026&utm_source=newsletter")]
    [InlineData("session=8f14e45fceea167a5a36dedd4bea2543; theme=dark; lang=en-GB")]
    [InlineData("{\"event\":\"payment.succeeded\",\"amount\":4548,\"currency\":\"EUR\",\"created\":\"2026-11-24T21:13:20Z\",\"metadata\":{\"cart\":\"7 items, 2 discounted (50% off)\"}}")]
    [InlineData("<order><id>42</id><note>Deliver between 9 and 5 &amp; call first</note></order>")]
    public void Ordinary_content_passes_every_detector(string value)
    {
        Assert.False(SqlInjectionDetector.IsSqlInjection(value, highSensitivity: false), "sqli: " + value);
        Assert.False(CrossSiteScriptingDetector.IsCrossSiteScripting(value), "xss: " + value);
        Assert.False(PathTraversalDetector.IsPathTraversal(value), "traversal: " + value);
        Assert.False(CommandInjectionDetector.IsCommandInjection(value), "cmdi: " + value);
        Assert.False(KnownBadInputDetector.IsKnownBadInput(value), "known bad: " + value);
        Assert.False(BadBotDetector.IsBadBot(value), "bot: " + value);
    }
}

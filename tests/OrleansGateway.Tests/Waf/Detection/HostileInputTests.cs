using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>Detectors run on network input: no value, however malformed, may make them throw.</summary>
public sealed class HostileInputTests
{
    private const string Alphabet = "'\"`\\/*-#;()[]{}<>=!|&$@%^~?:,.+ \t\n\r\0\u00a0\uff0e\u2215aAsSeElLcCtTuUnNiIoOrR01x";

    [Fact]
    public void Random_values_built_from_syntax_characters_never_make_a_detector_throw()
    {
        var random = new Random(20261124);
        for (var sample = 0; sample < 5000; sample++)
        {
            var length = random.Next(0, sample % 10 == 0 ? 3000 : 80);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = Alphabet[random.Next(Alphabet.Length)];
            }
            var value = new string(chars);
            var error = Record.Exception(() => RunAll(value, highSensitivity: sample % 2 == 0));
            Assert.True(error is null, $"{error?.GetType().Name} on {value.Length} chars: {value[..Math.Min(value.Length, 120)]}");
        }
    }

    [Theory]
    [InlineData("'")]
    [InlineData("\\")]
    [InlineData("/*")]
    [InlineData("/*!")]
    [InlineData("@")]
    [InlineData("@@")]
    [InlineData("@`")]
    [InlineData("0x")]
    [InlineData("1e")]
    [InlineData("`")]
    [InlineData("--")]
    [InlineData("#")]
    [InlineData("<")]
    [InlineData("</")]
    [InlineData("${")]
    [InlineData("${${")]
    [InlineData("~")]
    [InlineData("{")]
    [InlineData("&")]
    [InlineData("..")]
    public void Truncated_constructs_are_judged_without_error(string value) =>
        Assert.Null(Record.Exception(() => RunAll(value, highSensitivity: true)));

    private static void RunAll(string value, bool highSensitivity)
    {
        _ = SqlInjectionDetector.IsSqlInjection(value, highSensitivity);
        _ = CrossSiteScriptingDetector.IsCrossSiteScripting(value);
        _ = PathTraversalDetector.IsPathTraversal(value);
        _ = CommandInjectionDetector.IsCommandInjection(value);
        _ = KnownBadInputDetector.IsKnownBadInput(value);
        _ = BadBotDetector.IsBadBot(value);
    }
}

using OrleansGateway.Edge.DataPlane.Waf.Transformations;
using OrleansGateway.Tests.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>
/// A chain of URL decode, HTML entity decode, compress white space and lowercase returns a value with nothing for
/// them to do as it is, after one scan instead of one per step. These hold that shortcut to applying the steps one
/// by one, on the inputs the steps act on and on every value of the public corpora.
/// </summary>
public sealed class TransformationChainShortcutTests
{
    private static readonly TextTransformationType[][] Chains =
    [
        [TextTransformationType.UrlDecodeUni, TextTransformationType.UrlDecodeUni, TextTransformationType.HtmlEntityDecode, TextTransformationType.CompressWhiteSpace, TextTransformationType.Lowercase],
        [TextTransformationType.UrlDecodeUni, TextTransformationType.UrlDecodeUni, TextTransformationType.HtmlEntityDecode, TextTransformationType.Lowercase],
        [TextTransformationType.UrlDecode, TextTransformationType.Lowercase],
        [TextTransformationType.CompressWhiteSpace],
        [TextTransformationType.None],
        [TextTransformationType.Lowercase, TextTransformationType.CmdLine],
        [TextTransformationType.Base64Decode, TextTransformationType.Lowercase],
    ];

    [Theory]
    [InlineData("plain value, 12.5")]
    [InlineData("a%20b")]
    [InlineData("a+b")]
    [InlineData("a &amp; b")]
    [InlineData("a  b")]
    [InlineData("a\tb")]
    [InlineData("a\u00a0\u00a0b")]
    [InlineData("Upper")]
    [InlineData("\u0130stanbul")]
    [InlineData("caf\u00e9")]
    [InlineData("d2hvYW1p")]
    [InlineData("")]
    public void Chain_gives_what_the_steps_give_one_by_one(string value)
    {
        foreach (var chain in Chains)
        {
            Assert.Equal(OneByOne(value, chain), TextTransformer.Apply(value, chain));
        }
    }

    [Fact]
    public void Chain_gives_what_the_steps_give_one_by_one_on_every_corpus_value()
    {
        var mismatches = new List<string>();
        var raw = File.ReadLines(Path.Combine(WafCorpora.Root, "httpparams-dataset", "payload_full.csv"))
            .Concat(File.ReadLines(Path.Combine(WafCorpora.Root, "libinjection-data", "false_positives.txt")));
        foreach (var value in raw)
        {
            foreach (var chain in Chains)
            {
                if (OneByOne(value, chain) != TextTransformer.Apply(value, chain))
                {
                    mismatches.Add(value);
                }
            }
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Value_with_nothing_to_transform_is_returned_as_it_is()
    {
        const string Value = "jo.bloggs@example.com";
        Assert.Same(Value, TextTransformer.Apply(Value, Chains[0]));
    }

    private static string OneByOne(string value, TextTransformationType[] chain) =>
        chain.Aggregate(value, (current, step) => TextTransformer.Apply(current, step));
}

using OrleansGateway.Edge.DataPlane.Waf.Transformations;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>Each WAFv2 text transformation on the inputs attackers use to hide payloads.</summary>
public sealed class TextTransformationTests
{
    [Theory]
    [InlineData("URL_DECODE", "%3Cscript%3E+x", "<script> x")]
    [InlineData("URL_DECODE", "100%", "100%")]
    [InlineData("URL_DECODE", "%zz%4", "%zz%4")]
    [InlineData("URL_DECODE", "%C3%A9", "é")]
    [InlineData("URL_DECODE_UNI", "%u003cscript%u003E", "<script>")]
    [InlineData("HTML_ENTITY_DECODE", "&lt;img src=x onerror=alert(1)&gt;&#x27;&#39;", "<img src=x onerror=alert(1)>''")]
    [InlineData("LOWERCASE", "SeLeCt * FROM", "select * from")]
    [InlineData("COMPRESS_WHITE_SPACE", "a \t\r\n  b  c", "a b c")]
    [InlineData("COMPRESS_WHITE_SPACE", "a b c", "a b c")]
    [InlineData("NORMALIZE_PATH", "/a//b/./c/../d", "/a/b/d")]
    [InlineData("NORMALIZE_PATH", "/../../etc/passwd", "/etc/passwd")]
    [InlineData("NORMALIZE_PATH_WIN", "\\a\\.\\b\\..\\c", "/a/c")]
    [InlineData("CMD_LINE", "C^:\\Win\"dows ;  /C ,DIR", "c:windows/c dir")]
    [InlineData("REMOVE_NULLS", "a\0b\0", "ab")]
    [InlineData("BASE64_DECODE", "PHNjcmlwdD4=", "<script>")]
    [InlineData("BASE64_DECODE", "not base64!", "not base64!")]
    [InlineData("JS_DECODE", "\\x3cscript\\u003e\\n", "<script>\n")]
    [InlineData("REPLACE_COMMENTS", "SELECT/**/1/*x*/FROM/*", "SELECT 1 FROM ")]
    [InlineData("NONE", "%41", "%41")]
    public void TransformationProducesWhatWafv2Does(string type, string input, string expected)
    {
        var parsed = TextTransformer.Parse(type);

        Assert.NotNull(parsed);
        Assert.Equal(expected, TextTransformer.Apply(input, parsed.Value));
    }

    [Theory]
    [InlineData("URL_DECODE")]
    [InlineData("LOWERCASE")]
    [InlineData("COMPRESS_WHITE_SPACE")]
    [InlineData("HTML_ENTITY_DECODE")]
    [InlineData("JS_DECODE")]
    [InlineData("NORMALIZE_PATH")]
    public void TransformationOfAValueWithNothingToTransformReturnsTheSameString(string type)
    {
        const string value = "/pets/42 abc";
        var transformed = TextTransformer.Apply(value, TextTransformer.Parse(type)!.Value);

        Assert.Same(value, transformed);
    }

    [Fact]
    public void ChainAppliesInOrderSoDoubleEncodingNeedsTwoDecodes()
    {
        const string doubleEncoded = "%253Cscript%253E";

        Assert.Equal("%3Cscript%3E", TextTransformer.Apply(doubleEncoded, [TextTransformationType.UrlDecode]));
        Assert.Equal("<script>", TextTransformer.Apply(doubleEncoded, [TextTransformationType.UrlDecode, TextTransformationType.UrlDecode]));
    }

    [Fact]
    public void UnknownTransformationNameIsNotParsed() => Assert.Null(TextTransformer.Parse("MD5"));
}

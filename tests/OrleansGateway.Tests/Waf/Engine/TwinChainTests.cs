using OrleansGateway.Edge.DataPlane.Waf.Fields;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;
using OrleansGateway.Edge.DataPlane.Waf.Transformations;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>
/// The core rules read the body (and the query) through two chains that differ only in white space compression.
/// The second reuses the first's value wherever only the case could change, so an upper-case value is
/// lowercased once. These hold that reuse to applying the chain itself.
/// </summary>
public sealed class TwinChainTests
{
    private static readonly TextTransformationType[] Decoded =
    [
        TextTransformationType.UrlDecodeUni, TextTransformationType.UrlDecodeUni, TextTransformationType.HtmlEntityDecode,
        TextTransformationType.CompressWhiteSpace, TextTransformationType.Lowercase,
    ];

    private static readonly TextTransformationType[] DecodedPath =
    [
        TextTransformationType.UrlDecodeUni, TextTransformationType.UrlDecodeUni, TextTransformationType.HtmlEntityDecode, TextTransformationType.Lowercase,
    ];

    private const string Body = """
        {"Name": "Jo Bloggs", "spaced": "A  B", "tab": "Tab\there", "escaped": "x%41+y", "entity": "a&amp;B", "city": "\u0130stanbul",
         "nbsp": "A\u00a0\u00a0B", "plain": "already plain", "Upper": "UPPER", "path": "..%2F..%2FEtc/Passwd"}
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Values_read_through_a_twin_are_what_the_chain_gives(bool decodedFirst)
    {
        var field = WafField.Simple(FieldKind.BodyValues);
        var decoded = new FieldInspection(field, Decoded, 0, 0);
        var path = new FieldInspection(field, DecodedPath, 1, 0) { Twin = decoded };
        decoded.Twin = path;
        var acl = WafTest.Compile(WafTest.Acl());
        var request = Recreate(WafTest.Request(acl, body: Body));

        var (first, second) = decodedFirst ? (decoded, path) : (path, decoded);
        first.Values(request);
        second.Values(request);

        var raw = request.RawSlots[0]!;
        Assert.True(raw.Length >= 10, $"only {raw.Length} values");
        for (var i = 0; i < raw.Length; i++)
        {
            Assert.Equal(TextTransformer.Apply(raw[i], Decoded), decoded.Values(request)[i]);
            Assert.Equal(TextTransformer.Apply(raw[i], DecodedPath), path.Values(request)[i]);
        }
    }

    [Fact]
    public void Chains_of_the_core_steps_that_both_lowercase_are_twins_and_others_are_not()
    {
        Assert.True(TextTransformer.AreTwins(Decoded, DecodedPath));
        Assert.False(TextTransformer.AreTwins(Decoded, [TextTransformationType.UrlDecodeUni]));
        Assert.False(TextTransformer.AreTwins(Decoded, [TextTransformationType.CmdLine, TextTransformationType.Lowercase]));
    }

    // Two slots over one raw slot, whatever the compiled empty ACL counted.
    private static WafRequest Recreate(WafRequest request) =>
        new(request.Method, request.UriPath, request.QueryString, request.Headers, request.InspectedBody, request.BodyLength, request.BodyOversize,
            request.ContentType, request.SourceIp, request.Runtime, slotCount: 2, rawSlotCount: 1);
}

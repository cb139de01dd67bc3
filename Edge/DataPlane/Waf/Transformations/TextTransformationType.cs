namespace OrleansGateway.Edge.DataPlane.Waf.Transformations;

/// <summary>The WAFv2 <c>TextTransformation.Type</c> values the engine applies before matching.</summary>
internal enum TextTransformationType
{
    None,
    UrlDecode,
    UrlDecodeUni,
    HtmlEntityDecode,
    Lowercase,
    CompressWhiteSpace,
    NormalizePath,
    NormalizePathWin,
    CmdLine,
    RemoveNulls,
    Base64Decode,
    JsDecode,
    ReplaceComments,
}

using System.Buffers;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>
/// The plain signatures of the XSS, command-injection, path-traversal and known-bad-input detectors in one
/// search, so that a value the core rules inspect with all four is searched once, not four times.
/// </summary>
internal static class PlainSignatures
{
    private static readonly SearchValues<string> Any = SearchValues.Create(
        [
            .. CrossSiteScriptingDetector.PlainSignatureList, .. CommandInjectionDetector.PlainSignatureList,
            .. PathTraversalDetector.PlainSignatureList, .. KnownBadInputDetector.PlainSignatureList,
        ],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>The shape of <paramref name="value"/>, with the signature search done.</summary>
    public static ValueShape ShapeOf(ReadOnlySpan<char> value) =>
        !PlainValue.Is(value) ? ValueShape.Other
        : value.ContainsAny(Any) ? ValueShape.Plain
        : ValueShape.PlainWithoutSignature;
}

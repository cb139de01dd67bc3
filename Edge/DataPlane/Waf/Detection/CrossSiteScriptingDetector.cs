namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects cross-site scripting (WAFv2 XssMatchStatement) in a value the WAF has already transformed.</summary>
public static class CrossSiteScriptingDetector
{
    /// <summary>True when <paramref name="value"/> looks like cross-site scripting (WAFv2 XssMatchStatement).</summary>
    public static bool IsCrossSiteScripting(ReadOnlySpan<char> value) =>
        throw new NotImplementedException("STUB: the i5-waf-detection branch implements this.");
}

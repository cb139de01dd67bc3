namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects SQL injection (WAFv2 SqliMatchStatement; highSensitivity = SensitivityLevel HIGH) in a value the WAF has already transformed.</summary>
public static class SqlInjectionDetector
{
    /// <summary>True when <paramref name="value"/> looks like SQL injection (WAFv2 SqliMatchStatement; highSensitivity = SensitivityLevel HIGH).</summary>
    public static bool IsSqlInjection(ReadOnlySpan<char> value, bool highSensitivity) =>
        throw new NotImplementedException("STUB: the i5-waf-detection branch implements this.");
}

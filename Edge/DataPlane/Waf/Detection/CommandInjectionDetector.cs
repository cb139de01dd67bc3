namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects OS command injection in a value the WAF has already transformed.</summary>
public static class CommandInjectionDetector
{
    /// <summary>True when <paramref name="value"/> looks like OS command injection.</summary>
    public static bool IsCommandInjection(ReadOnlySpan<char> value) =>
        throw new NotImplementedException("STUB: the i5-waf-detection branch implements this.");
}

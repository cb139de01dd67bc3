namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects a known bad input (Log4j JNDI lookups, Spring4Shell, and the like) in a value the WAF has already transformed.</summary>
public static class KnownBadInputDetector
{
    /// <summary>True when <paramref name="value"/> looks like a known bad input (Log4j JNDI lookups, Spring4Shell, and the like).</summary>
    public static bool IsKnownBadInput(ReadOnlySpan<char> value) =>
        throw new NotImplementedException("STUB: the i5-waf-detection branch implements this.");
}

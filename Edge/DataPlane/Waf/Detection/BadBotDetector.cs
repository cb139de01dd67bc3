namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects a user agent of a known bad bot or scanner in a value the WAF has already transformed.</summary>
public static class BadBotDetector
{
    /// <summary>True when <paramref name="value"/> looks like a user agent of a known bad bot or scanner.</summary>
    public static bool IsBadBot(ReadOnlySpan<char> value) =>
        throw new NotImplementedException("STUB: the i5-waf-detection branch implements this.");
}

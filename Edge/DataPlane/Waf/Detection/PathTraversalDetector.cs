namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects path traversal or local file inclusion in a value the WAF has already transformed.</summary>
public static class PathTraversalDetector
{
    /// <summary>True when <paramref name="value"/> looks like path traversal or local file inclusion.</summary>
    public static bool IsPathTraversal(ReadOnlySpan<char> value) =>
        throw new NotImplementedException("STUB: the i5-waf-detection branch implements this.");
}

namespace OrleansGateway.Edge.DataPlane.InputLimits;

/// <summary>How a body read before the integration is kept for it.</summary>
internal static class BodyBuffering
{
    /// <summary>Bytes kept in memory before <c>EnableBuffering</c> spills the rest to a temp file.</summary>
    public const int MemoryThreshold = 64 * 1024;
}

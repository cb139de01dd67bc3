namespace OrleansGateway.Edge.Management.Audit;

/// <summary>Refused calls that were counted but not recorded one by one in a window.</summary>
/// <param name="WindowStart">When the window began.</param>
/// <param name="WindowEnd">When it closed.</param>
/// <param name="Suppressed">Calls not recorded.</param>
/// <param name="SourceCount">Distinct source addresses they came from.</param>
/// <param name="TopSources">The sources with the most suppressed calls, at most <see cref="MaxListedSources"/>.</param>
public sealed record RefusedCallSummary(DateTimeOffset WindowStart, DateTimeOffset WindowEnd, long Suppressed, int SourceCount,
    IReadOnlyList<(string SourceIp, long Count)> TopSources)
{
    /// <summary>Sources named in one summary record, so the record stays small.</summary>
    public const int MaxListedSources = 20;
}

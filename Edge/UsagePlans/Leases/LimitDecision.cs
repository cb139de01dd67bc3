namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// The outcome of taking one unit from a throttle bucket or a quota on this edge.
/// <paramref name="Remaining"/> and <paramref name="ResetAfter"/> are the edge's best knowledge
/// (for the optional RateLimit headers); <paramref name="RetryAfter"/> is set when refused.
/// </summary>
public readonly record struct LimitDecision(bool Allowed, long Limit, long Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter)
{
    /// <summary>
    /// Refused because the authority could not be reached, not because the limit was reached: the
    /// gateway answers 503 rather than claim a quota is used up.
    /// </summary>
    public bool AuthorityUnreachable { get; init; }

    /// <summary>Admitted, with nothing to report.</summary>
    public static LimitDecision Unlimited { get; } = new(true, 0, 0, TimeSpan.Zero, TimeSpan.Zero);
}

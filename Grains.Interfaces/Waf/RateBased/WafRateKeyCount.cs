namespace OrleansGateway.Grains.Interfaces.Waf.RateBased;

/// <summary>
/// One aggregate key in a <see cref="WafRateReport"/>.
/// </summary>
/// <param name="Key">The aggregate key (an IP address, or the rule's constant key).</param>
/// <param name="Counted">Requests the rule saw from the key since the last report, blocked ones included (WAF counts every request that reaches the rule).</param>
/// <param name="Spent">Of those, how many were admitted out of an allowance this shard granted.</param>
/// <param name="Want">Allowance the edge asks for (0: none).</param>
/// <param name="Release">The edge forgets the key: whatever allowance it holds goes back.</param>
[GenerateSerializer, Immutable, Alias("og.WafRateKeyCount")]
public sealed record WafRateKeyCount(
    [property: Id(0)] string Key,
    [property: Id(1)] long Counted,
    [property: Id(2)] long Spent,
    [property: Id(3)] long Want,
    [property: Id(4)] bool Release);

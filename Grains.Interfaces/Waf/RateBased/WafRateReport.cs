namespace OrleansGateway.Grains.Interfaces.Waf.RateBased;

/// <summary>
/// One edge's batch for one shard of a rule since its last report. The rule's
/// <paramref name="Limit"/> and <paramref name="EvaluationWindow"/> travel with every batch so the
/// grain never looks configuration up (the edge's is pushed and current). An empty
/// <paramref name="Keys"/> is a heartbeat: it keeps the edge's allowances alive.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.WafRateReport")]
public sealed record WafRateReport(
    [property: Id(0)] string EdgeId,
    [property: Id(1)] long Limit,
    [property: Id(2)] TimeSpan EvaluationWindow,
    [property: Id(3)] IReadOnlyList<WafRateKeyCount> Keys);

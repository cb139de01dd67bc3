namespace OrleansGateway.Grains.Limits;

/// <summary>A key's quota ledger as stored: the current period's committed units and every edge's outstanding grant.</summary>
[GenerateSerializer, Alias("og.QuotaState")]
public sealed class QuotaState
{
    /// <summary>Start of the first period this key was leased in (the one the plan's offset applies to).</summary>
    [Id(0)] public DateTimeOffset? FirstPeriodStart { get; set; }

    /// <summary>Start of the period <see cref="Used"/> and <see cref="Grants"/> belong to.</summary>
    [Id(1)] public DateTimeOffset PeriodStart { get; set; }

    /// <summary>Units reported spent or forfeited in the period (negative after UpdateUsage raised the remainder above the limit).</summary>
    [Id(2)] public long Used { get; set; }

    /// <summary>Outstanding grants by edge id.</summary>
    [Id(3)] public Dictionary<string, QuotaGrantRecord> Grants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last epoch handed out; every change to a grant takes the next one.</summary>
    [Id(4)] public long LastEpoch { get; set; }
}

/// <summary>Units an edge holds and has not reported, under epoch <see cref="Epoch"/>, forfeited after <see cref="ExpiresAt"/>.</summary>
[GenerateSerializer, Alias("og.QuotaGrantRecord")]
public sealed class QuotaGrantRecord
{
    /// <summary>Units granted to the edge that it has neither reported spent nor released.</summary>
    [Id(0)] public long Units { get; set; }

    /// <summary>The epoch the edge must quote for its report to count.</summary>
    [Id(1)] public long Epoch { get; set; }

    /// <summary>When the grain stops waiting for the edge (by the grain's clock; the margin is added when checking).</summary>
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
}

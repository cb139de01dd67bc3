namespace OrleansGateway.Grains.Metering;

/// <summary>
/// One day-shard's counts and, in the same record, each edge's last applied batch: they are written
/// together, so after any crash the counts and the dedup marks agree.
/// </summary>
[GenerateSerializer, Alias("og.UsageMeterState")]
public sealed class UsageMeterState
{
    /// <summary>Admitted requests by plan id, then key id.</summary>
    [Id(0)] public Dictionary<string, Dictionary<string, long>> Counts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The highest batch sequence applied, by edge id.</summary>
    [Id(1)] public Dictionary<string, long> LastSequence { get; set; } = new(StringComparer.Ordinal);
}

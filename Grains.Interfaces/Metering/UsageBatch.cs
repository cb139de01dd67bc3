namespace OrleansGateway.Grains.Interfaces.Metering;

/// <summary>
/// One edge's counts for one meter grain since its previous batch. <paramref name="Sequence"/>
/// increases with every new batch the edge sends that grain; a retry resends the same batch.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.UsageBatch")]
public sealed record UsageBatch(
    [property: Id(0)] string EdgeId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] IReadOnlyList<UsageCount> Counts);

namespace OrleansGateway.Grains.Interfaces.Waf;

/// <summary>Every WAF entity and association at one version: what an edge compiles.</summary>
[GenerateSerializer, Immutable, Alias("og.WafSnapshot")]
public sealed record WafSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<WafEntity> Entities,
    [property: Id(2)] IReadOnlyList<WafAssociation> Associations)
{
    /// <summary>The state of an edge that has not synced yet.</summary>
    public static WafSnapshot Empty { get; } = new(0, [], []);
}

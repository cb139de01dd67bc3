namespace OrleansGateway.Grains.Interfaces.Waf;

/// <summary>
/// What a create or update call asks for: the entity's own fields as a JSON object
/// (<paramref name="Body"/>), and the ARNs of the IP sets, regex pattern sets and rule groups its
/// rules reference, which must exist and which then cannot be deleted while referenced.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.WafEntityDraft")]
public sealed record WafEntityDraft(
    [property: Id(0)] WafEntityKind Kind,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] string Body,
    [property: Id(4)] IReadOnlyList<string> References,
    [property: Id(5)] long Capacity);

namespace OrleansGateway.Grains.Interfaces.Waf;

/// <summary>
/// One stored WAFv2 entity. The fields every kind shares are typed; the kind's own fields
/// (a web ACL's DefaultAction and Rules, an IP set's Addresses, …) are kept as the JSON object
/// WAFv2 exchanges, so the management API hands back exactly what it was given.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.WafEntity")]
public sealed record WafEntity(
    [property: Id(0)] WafEntityKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string Name,
    [property: Id(3)] string Arn,
    [property: Id(4)] string? Description,
    [property: Id(5)] string LockToken,
    [property: Id(6)] string Body,
    [property: Id(7)] IReadOnlyList<string> References,
    [property: Id(8)] long Capacity);

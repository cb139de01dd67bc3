namespace OrleansGateway.Grains.Interfaces.ApiKeys;

/// <summary>
/// One API key as the grains store it. The value exists only as <paramref name="ValueHash"/>
/// (lookup) and <paramref name="EncryptedValue"/> (AES-GCM under a key only the edges hold, so
/// <c>includeValue</c> can show it); grains and storage never see the plain value.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ApiKeyRecord")]
public sealed record ApiKeyRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] bool Enabled,
    [property: Id(4)] string? CustomerId,
    [property: Id(5)] DateTimeOffset CreatedDate,
    [property: Id(6)] DateTimeOffset LastUpdatedDate,
    [property: Id(7)] IReadOnlyList<string> StageKeys,
    [property: Id(8)] IReadOnlyDictionary<string, string> Tags,
    [property: Id(9)] string ValueHash,
    [property: Id(10)] byte[] EncryptedValue);

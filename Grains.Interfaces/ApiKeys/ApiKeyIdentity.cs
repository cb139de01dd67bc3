namespace OrleansGateway.Grains.Interfaces.ApiKeys;

/// <summary>
/// What the data plane needs to know about an API key value: its id, whether it is enabled and
/// which usage plans it belongs to. Never carries the value itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ApiKeyIdentity")]
public sealed record ApiKeyIdentity(
    [property: Id(0)] string KeyId,
    [property: Id(1)] bool Enabled,
    [property: Id(2)] IReadOnlyList<string> UsagePlanIds);

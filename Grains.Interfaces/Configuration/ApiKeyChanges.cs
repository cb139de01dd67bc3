namespace OrleansGateway.Grains.Interfaces.Configuration;

/// <summary>
/// The API key changes after the stamp an edge asked from, up to <paramref name="Current"/>: the value
/// hashes to drop, or null when the catalog cannot list them (another epoch, or older than the log it
/// keeps) and the edge must drop every cached key.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ApiKeyChanges")]
public sealed record ApiKeyChanges(
    [property: Id(0)] ApiKeyChangeStamp Current,
    [property: Id(1)] IReadOnlyList<string>? ValueHashes);

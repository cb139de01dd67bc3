using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Grains.ApiKeys;

/// <summary>The persisted state of one API key value (keyed by its hash).</summary>
[GenerateSerializer, Alias("og.ApiKeyValueState")]
public sealed class ApiKeyValueState
{
    /// <summary>The key holding the value; null when unclaimed.</summary>
    [Id(0)] public ApiKeyIdentity? Identity { get; set; }
}

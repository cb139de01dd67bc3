using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Grains.ApiKeys;

/// <summary>The persisted state of one API key.</summary>
[GenerateSerializer, Alias("og.ApiKeyState")]
public sealed class ApiKeyState
{
    /// <summary>Null until created and after deletion.</summary>
    [Id(0)] public ApiKeyRecord? Record { get; set; }
}

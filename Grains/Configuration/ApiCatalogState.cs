namespace OrleansGateway.Grains.Configuration;

/// <summary>The persisted part of the catalog: every API's serving version.</summary>
[GenerateSerializer, Alias("og.ApiCatalogState")]
public sealed class ApiCatalogState
{
    /// <summary>API id → serving version.</summary>
    [Id(0)] public Dictionary<string, long> Versions { get; set; } = [];
}

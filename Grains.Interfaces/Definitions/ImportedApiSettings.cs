namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// API settings an OpenAPI document carries (title, root extensions); null where the document is
/// silent. The grain overlays them on the API in its own turn, so an import never races an update.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ImportedApiSettings")]
public sealed record ImportedApiSettings(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string? Version,
    [property: Id(3)] IReadOnlyList<string> BinaryMediaTypes,
    [property: Id(4)] string? ApiKeySource,
    [property: Id(5)] EndpointConfiguration? EndpointConfiguration,
    [property: Id(6)] string? Policy,
    [property: Id(7)] int? MinimumCompressionSize,
    [property: Id(8)] bool? DisableExecuteApiEndpoint)
{
    /// <summary>A new API's settings: the document's, with API Gateway's defaults where it is silent.</summary>
    public RestApiInfo ToNewApi(
        string id, string defaultName, DateTimeOffset createdDate, IReadOnlyList<string> warnings,
        EndpointConfiguration? defaultEndpointConfiguration = null) =>
        new(id, Name ?? defaultName, Description, Version, createdDate, BinaryMediaTypes, MinimumCompressionSize,
            ApiKeySource ?? "HEADER", EndpointConfiguration ?? defaultEndpointConfiguration ?? EndpointConfiguration.Default,
            Policy, new Dictionary<string, string>(), DisableExecuteApiEndpoint ?? false, warnings);

    /// <summary>
    /// PutRestApi: the document's settings laid over <paramref name="current"/>; what the document
    /// is silent about is kept. Binary media types are merged in merge mode and replaced in overwrite mode.
    /// </summary>
    public RestApiInfo OverlayOn(RestApiInfo current, bool merge, IReadOnlyList<string> warnings) => current with
    {
        Name = Name ?? current.Name,
        Description = Description ?? current.Description,
        Version = Version ?? current.Version,
        BinaryMediaTypes = merge ? [.. current.BinaryMediaTypes.Union(BinaryMediaTypes, StringComparer.Ordinal)] : BinaryMediaTypes,
        MinimumCompressionSize = MinimumCompressionSize ?? current.MinimumCompressionSize,
        ApiKeySource = ApiKeySource ?? current.ApiKeySource,
        EndpointConfiguration = EndpointConfiguration ?? current.EndpointConfiguration,
        Policy = Policy ?? current.Policy,
        DisableExecuteApiEndpoint = DisableExecuteApiEndpoint ?? current.DisableExecuteApiEndpoint,
        Warnings = warnings,
    };
}

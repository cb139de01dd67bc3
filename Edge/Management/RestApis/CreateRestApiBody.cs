namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>CreateRestApi's JSON body.</summary>
internal sealed record CreateRestApiBody(
    string? Name,
    string? Description,
    string? Version,
    string? CloneFrom,
    IReadOnlyList<string>? BinaryMediaTypes,
    int? MinimumCompressionSize,
    string? ApiKeySource,
    EndpointConfigurationView? EndpointConfiguration,
    string? Policy,
    IReadOnlyDictionary<string, string>? Tags,
    bool? DisableExecuteApiEndpoint);

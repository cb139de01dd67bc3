namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>The settings of a REST API outside its resources, as API Gateway's <c>RestApi</c>.</summary>
[GenerateSerializer, Immutable, Alias("og.RestApiInfo")]
public sealed record RestApiInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] string? Version,
    [property: Id(4)] DateTimeOffset CreatedDate,
    [property: Id(5)] IReadOnlyList<string> BinaryMediaTypes,
    [property: Id(6)] int? MinimumCompressionSize,
    [property: Id(7)] string ApiKeySource,
    [property: Id(8)] EndpointConfiguration EndpointConfiguration,
    [property: Id(9)] string? Policy,
    [property: Id(10)] IReadOnlyDictionary<string, string> Tags,
    [property: Id(11)] bool DisableExecuteApiEndpoint,
    [property: Id(12)] IReadOnlyList<string> Warnings)
{
    /// <summary>The id of the root resource <c>/</c>; derived from the API id so it never changes.</summary>
    public string RootResourceId => ResourceIds.For(Id, "/");
}

/// <summary>Endpoint types (<c>EDGE</c>, <c>REGIONAL</c>, <c>PRIVATE</c>) and VPC endpoint ids.</summary>
[GenerateSerializer, Immutable, Alias("og.EndpointConfiguration")]
public sealed record EndpointConfiguration(
    [property: Id(0)] IReadOnlyList<string> Types,
    [property: Id(1)] IReadOnlyList<string> VpcEndpointIds,
    [property: Id(2)] string? IpAddressType)
{
    /// <summary>API Gateway's default for new APIs.</summary>
    public static EndpointConfiguration Default { get; } = new(["EDGE"], [], "ipv4");
}

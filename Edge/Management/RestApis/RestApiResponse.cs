using OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>API Gateway's <c>RestApi</c> on the wire; empty lists and maps are omitted as API Gateway does.</summary>
internal sealed record RestApiResponse(
    string Id,
    string Name,
    string? Description,
    long CreatedDate,
    string? Version,
    IReadOnlyList<string>? Warnings,
    IReadOnlyList<string>? BinaryMediaTypes,
    int? MinimumCompressionSize,
    string ApiKeySource,
    EndpointConfigurationView EndpointConfiguration,
    string? Policy,
    IReadOnlyDictionary<string, string>? Tags,
    bool DisableExecuteApiEndpoint,
    string RootResourceId)
{
    /// <summary>Maps the grain's settings; timestamps are epoch seconds as in API Gateway v1.</summary>
    public static RestApiResponse From(RestApiInfo api) => new(
        api.Id,
        api.Name,
        api.Description,
        api.CreatedDate.ToUnixTimeSeconds(),
        api.Version,
        api.Warnings.Count > 0 ? api.Warnings : null,
        api.BinaryMediaTypes.Count > 0 ? api.BinaryMediaTypes : null,
        api.MinimumCompressionSize,
        api.ApiKeySource,
        EndpointConfigurationView.From(api.EndpointConfiguration),
        api.Policy is null ? null : ResourcePolicyWireFormat.Escape(api.Policy),
        api.Tags.Count > 0 ? api.Tags : null,
        api.DisableExecuteApiEndpoint,
        api.RootResourceId);
}

/// <summary>API Gateway's <c>EndpointConfiguration</c>, on the wire and in requests.</summary>
internal sealed record EndpointConfigurationView(IReadOnlyList<string>? Types, string? IpAddressType, IReadOnlyList<string>? VpcEndpointIds)
{
    /// <summary>Maps the grain's configuration.</summary>
    public static EndpointConfigurationView From(EndpointConfiguration configuration) => new(
        configuration.Types,
        configuration.IpAddressType,
        configuration.VpcEndpointIds.Count > 0 ? configuration.VpcEndpointIds : null);
}

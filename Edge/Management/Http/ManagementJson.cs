using System.Text.Json.Serialization;
using OrleansGateway.Edge.Management.Deployments;
using OrleansGateway.Edge.Management.Resources;
using OrleansGateway.Edge.Management.RestApis;
using OrleansGateway.Edge.Management.Stages;

namespace OrleansGateway.Edge.Management.Http;

/// <summary>
/// The management API's JSON: camelCase, null members omitted, strict types (a JSON boolean where
/// a string is modelled fails to bind, which the listener answers as SerializationException).
/// Source-generated so no reflection runs per request.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PatchOperationsBody))]
[JsonSerializable(typeof(CreateRestApiBody))]
[JsonSerializable(typeof(RestApiResponse))]
[JsonSerializable(typeof(ItemsResponse<RestApiResponse>))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ItemsResponse<ResourceResponse>))]
[JsonSerializable(typeof(CreateDeploymentBody))]
[JsonSerializable(typeof(DeploymentResponse))]
[JsonSerializable(typeof(ItemsResponse<DeploymentResponse>))]
[JsonSerializable(typeof(CreateStageBody))]
[JsonSerializable(typeof(StageResponse))]
[JsonSerializable(typeof(ItemsResponse<StageResponse>))]
internal sealed partial class ManagementJson : JsonSerializerContext;

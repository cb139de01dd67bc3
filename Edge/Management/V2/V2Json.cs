using System.Text.Json.Serialization;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>apigatewayv2's JSON: camelCase members, nulls omitted, source-generated.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateApiBody))]
[JsonSerializable(typeof(CreateRouteBody))]
[JsonSerializable(typeof(CreateIntegrationBody))]
[JsonSerializable(typeof(CreateRouteResponseBody))]
[JsonSerializable(typeof(CreateStageBody))]
[JsonSerializable(typeof(UpdateStageBody))]
[JsonSerializable(typeof(CreateDeploymentBody))]
[JsonSerializable(typeof(CreateAuthorizerBody))]
[JsonSerializable(typeof(AuthorizerResponse))]
[JsonSerializable(typeof(V2ItemsResponse<AuthorizerResponse>))]
[JsonSerializable(typeof(ApiResponse))]
[JsonSerializable(typeof(V2ItemsResponse<ApiResponse>))]
[JsonSerializable(typeof(RouteResponse))]
[JsonSerializable(typeof(V2ItemsResponse<RouteResponse>))]
[JsonSerializable(typeof(IntegrationResponse))]
[JsonSerializable(typeof(V2ItemsResponse<IntegrationResponse>))]
[JsonSerializable(typeof(RouteResponseResponse))]
[JsonSerializable(typeof(V2ItemsResponse<RouteResponseResponse>))]
[JsonSerializable(typeof(StageResponse))]
[JsonSerializable(typeof(V2ItemsResponse<StageResponse>))]
[JsonSerializable(typeof(DeploymentResponse))]
[JsonSerializable(typeof(V2ItemsResponse<DeploymentResponse>))]
internal sealed partial class V2Json : JsonSerializerContext;

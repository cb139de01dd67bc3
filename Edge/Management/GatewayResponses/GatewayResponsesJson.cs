using System.Text.Json.Serialization;
using OrleansGateway.Edge.Management.Http;

namespace OrleansGateway.Edge.Management.GatewayResponses;

/// <summary>The gateway response operations' JSON, with the same settings as the rest of the management API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PutGatewayResponseBody))]
[JsonSerializable(typeof(PatchOperationsBody))]
[JsonSerializable(typeof(GatewayResponseResponse))]
[JsonSerializable(typeof(ItemsResponse<GatewayResponseResponse>))]
internal sealed partial class GatewayResponsesJson : JsonSerializerContext;

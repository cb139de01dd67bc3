using System.Text.Json.Serialization;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.UsagePlans;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>The API key and usage plan operations' JSON, with the same settings as the rest of the management API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PatchOperationsBody))]
[JsonSerializable(typeof(CreateApiKeyBody))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(ApiKeysResponse))]
[JsonSerializable(typeof(ApiKeyIdsResponse))]
[JsonSerializable(typeof(CreateUsagePlanBody))]
[JsonSerializable(typeof(UsagePlanResponse))]
[JsonSerializable(typeof(ItemsResponse<UsagePlanResponse>))]
[JsonSerializable(typeof(CreateUsagePlanKeyBody))]
[JsonSerializable(typeof(UsagePlanKeyResponse))]
[JsonSerializable(typeof(ItemsResponse<UsagePlanKeyResponse>))]
internal sealed partial class ApiKeysJson : JsonSerializerContext;

using System.Text.Json.Serialization;
using OrleansGateway.Edge.Management.Http;

namespace OrleansGateway.Edge.Management.Validators;

/// <summary>The request validator operations' JSON, with the same settings as the rest of the management API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RequestValidatorResponse))]
[JsonSerializable(typeof(ItemsResponse<RequestValidatorResponse>))]
[JsonSerializable(typeof(CreateRequestValidatorBody))]
[JsonSerializable(typeof(PatchOperationsBody))]
internal sealed partial class RequestValidatorsJson : JsonSerializerContext;

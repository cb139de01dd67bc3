using System.Text.Json.Serialization;
using OrleansGateway.Edge.Management.Http;

namespace OrleansGateway.Edge.Management.Models;

/// <summary>The model operations' JSON, with the same settings as the rest of the management API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelResponse))]
[JsonSerializable(typeof(ItemsResponse<ModelResponse>))]
[JsonSerializable(typeof(CreateModelBody))]
[JsonSerializable(typeof(PatchOperationsBody))]
internal sealed partial class ModelsJson : JsonSerializerContext;

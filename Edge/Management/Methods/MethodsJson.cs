using System.Text.Json.Serialization;
using OrleansGateway.Edge.Management.Http;

namespace OrleansGateway.Edge.Management.Methods;

/// <summary>The method operations' JSON, with the same settings as the rest of the management API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PatchOperationsBody))]
[JsonSerializable(typeof(MethodResponse))]
internal sealed partial class MethodsJson : JsonSerializerContext;

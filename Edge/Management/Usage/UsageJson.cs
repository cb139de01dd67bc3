using System.Text.Json.Serialization;

namespace OrleansGateway.Edge.Management.Usage;

/// <summary>The usage endpoints' JSON, with the management API's conventions (camelCase, nulls omitted, source-generated).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UsageResponse))]
[JsonSerializable(typeof(UsageExportResponse))]
internal sealed partial class UsageJson : JsonSerializerContext;

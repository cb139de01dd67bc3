using System.Text.Json.Serialization;
using OrleansGateway.Edge.Management.Http;

namespace OrleansGateway.Edge.Management.ClientCertificates;

/// <summary>The client certificate operations' JSON, with the same settings as the rest of the management API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PatchOperationsBody))]
[JsonSerializable(typeof(GenerateClientCertificateBody))]
[JsonSerializable(typeof(ClientCertificateResponse))]
[JsonSerializable(typeof(ItemsResponse<ClientCertificateResponse>))]
internal sealed partial class ClientCertificatesJson : JsonSerializerContext;

using System.Text.Json.Serialization;
using OrleansGateway.Edge.Management.Http;

namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>The authorizer operations' JSON, with the same settings as the rest of the management API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PatchOperationsBody))]
[JsonSerializable(typeof(CreateAuthorizerBody))]
[JsonSerializable(typeof(AuthorizerResponse))]
[JsonSerializable(typeof(ItemsResponse<AuthorizerResponse>))]
[JsonSerializable(typeof(TestInvokeAuthorizerBody))]
[JsonSerializable(typeof(TestInvokeAuthorizerResponse))]
internal sealed partial class AuthorizersJson : JsonSerializerContext;

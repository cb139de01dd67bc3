using System.Text.Json.Serialization;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>
/// API Gateway's <c>Authorizer</c>, plus <c>jwtConfiguration</c>, <c>authorizerPayloadFormatVersion</c>
/// and <c>enableSimpleResponses</c> (the HTTP API names) for the JWT and payload 2.0 extensions.
/// </summary>
internal sealed record AuthorizerResponse(
    string Id,
    string Name,
    string Type,
    [property: JsonPropertyName("providerARNs")] IReadOnlyList<string>? ProviderArns,
    string? AuthType,
    string? AuthorizerUri,
    string? AuthorizerCredentials,
    string? IdentitySource,
    string? IdentityValidationExpression,
    int AuthorizerResultTtlInSeconds,
    JwtConfigurationBody? JwtConfiguration,
    string? AuthorizerPayloadFormatVersion,
    bool? EnableSimpleResponses)
{
    /// <summary>Maps an authorizer; the extension members appear only where they apply.</summary>
    public static AuthorizerResponse From(AuthorizerDefinition authorizer) => new(
        authorizer.Id,
        authorizer.Name,
        authorizer.Type,
        authorizer.ProviderArns.Count > 0 ? authorizer.ProviderArns : null,
        authorizer.AuthType,
        authorizer.AuthorizerUri,
        authorizer.AuthorizerCredentials,
        authorizer.IdentitySource,
        authorizer.IdentityValidationExpression,
        authorizer.ResultTtlInSeconds,
        authorizer.Type == AuthorizerDefinition.Jwt ? new JwtConfigurationBody(authorizer.Issuer, authorizer.Audiences) : null,
        authorizer.PayloadFormatVersion,
        authorizer.EnableSimpleResponses ? true : null);
}

/// <summary>The JWT extension's settings, named as API Gateway v2's <c>JWTConfiguration</c>.</summary>
internal sealed record JwtConfigurationBody(string? Issuer, IReadOnlyList<string>? Audience);

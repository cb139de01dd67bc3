using System.Text.Json.Serialization;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>CreateAuthorizer's body (API Gateway's <c>CreateAuthorizerRequest</c> plus the JWT/payload 2.0 extension members).</summary>
internal sealed record CreateAuthorizerBody(
    string? Name,
    string? Type,
    [property: JsonPropertyName("providerARNs")] IReadOnlyList<string>? ProviderArns,
    string? AuthType,
    string? AuthorizerUri,
    string? AuthorizerCredentials,
    string? IdentitySource,
    string? IdentityValidationExpression,
    int? AuthorizerResultTtlInSeconds,
    JwtConfigurationBody? JwtConfiguration,
    string? AuthorizerPayloadFormatVersion,
    bool? EnableSimpleResponses)
{
    /// <summary>
    /// The authorizer to create (its id is assigned by the grain); a missing name or type is API
    /// Gateway's ValidationException. Everything else is checked by the grain's rules.
    /// </summary>
    public AuthorizerDefinition ToDefinition()
    {
        const string input = "createAuthorizerInput";
        return new AuthorizerDefinition(
            string.Empty,
            Name ?? throw ManagementInput.Missing(input, "name"),
            Type ?? throw ManagementInput.Missing(input, "type"),
            AuthorizerUri,
            IdentitySource,
            IdentityValidationExpression,
            AuthorizerResultTtlInSeconds ?? AuthorizerDefinition.DefaultResultTtlInSeconds,
            ProviderArns ?? [],
            JwtConfiguration?.Issuer,
            JwtConfiguration?.Audience ?? [],
            AuthorizerPayloadFormatVersion,
            EnableSimpleResponses ?? false,
            AuthorizerCredentials)
        {
            AuthType = AuthType,
        };
    }
}

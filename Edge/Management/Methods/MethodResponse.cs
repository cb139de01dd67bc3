using OrleansGateway.Edge.Management.Resources;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Methods;

/// <summary>API Gateway's <c>Method</c>, as GetMethod and UpdateMethod return it.</summary>
internal sealed record MethodResponse(
    string HttpMethod,
    string AuthorizationType,
    string? AuthorizerId,
    bool ApiKeyRequired,
    string? RequestValidatorId,
    string? OperationName,
    IReadOnlyDictionary<string, bool>? RequestParameters,
    IReadOnlyList<string>? AuthorizationScopes,
    IntegrationView? MethodIntegration)
{
    /// <summary>
    /// Maps a method. An imported method names its authorizer by security scheme name; the
    /// response gives the authorizer's id, as API Gateway does.
    /// </summary>
    public static MethodResponse From(MethodDefinition method, IReadOnlyList<AuthorizerDefinition> authorizers)
    {
        var authorizerId = method.AuthorizerId is { } named
            ? authorizers.FirstOrDefault(a => a.Id == named)?.Id ?? authorizers.FirstOrDefault(a => a.Name == named)?.Id ?? named
            : null;
        return new MethodResponse(
            method.HttpMethod,
            method.AuthorizationType,
            authorizerId,
            method.ApiKeyRequired,
            method.RequestValidatorName,
            method.OperationName,
            method.RequestParameters.Count > 0 ? method.RequestParameters : null,
            method.AuthorizationScopes.Count > 0 ? method.AuthorizationScopes : null,
            method.Integration is null ? null : IntegrationView.From(method.Integration));
    }
}

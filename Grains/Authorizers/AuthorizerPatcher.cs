using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;
using static OrleansGateway.Grains.Patching.PatchOperationRules;

namespace OrleansGateway.Grains.Authorizers;

/// <summary>
/// UpdateAuthorizer: applies API Gateway's v1 patch operations to an authorizer, then checks the
/// result with <see cref="AuthorizerRules"/>. Pure, so the grain persists only a fully valid result.
/// </summary>
/// <remarks>
/// Paths: <c>/name</c>, <c>/type</c>, <c>/authorizerUri</c>, <c>/identitySource</c>,
/// <c>/identityValidationExpression</c>, <c>/authorizerResultTtlInSeconds</c>, <c>/providerARNs</c>
/// (add/remove one ARN, replace all with one), <c>/authType</c>, <c>/authorizerCredentials</c>; and,
/// for the JWT and payload 2.0 extensions, <c>/jwtConfiguration/issuer</c>,
/// <c>/jwtConfiguration/audience</c> (add/remove/replace like providerARNs),
/// <c>/authorizerPayloadFormatVersion</c> and <c>/enableSimpleResponses</c>.
/// </remarks>
public static class AuthorizerPatcher
{
    /// <summary>Applies <paramref name="operations"/> in order and validates the result.</summary>
    public static AuthorizerDefinition Apply(AuthorizerDefinition authorizer, IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(operations);
        var current = authorizer;
        for (var i = 0; i < operations.Count; i++)
        {
            EnsureKnownOp(operations[i], i, "updateAuthorizerInput");
            current = ApplyOne(current, operations[i]);
        }
        return AuthorizerRules.Validate(current);
    }

    private static AuthorizerDefinition ApplyOne(AuthorizerDefinition authorizer, PatchOperation operation)
    {
        const int max = AuthorizerRules.MaxTextLength;
        switch (operation.Path)
        {
            case "/name":
                EnsureOp(operation, Replace);
                return authorizer with { Name = PatchValues.RequireString(operation, max) };
            case "/type":
                EnsureOp(operation, Replace);
                return authorizer with { Type = AuthorizerRules.ParseType(operation.Value, "updateAuthorizerInput") };
            case "/authorizerUri":
                EnsureOp(operation, Add, Remove, Replace);
                return authorizer with { AuthorizerUri = PatchValues.OptionalString(operation, max) };
            case "/identitySource":
                EnsureOp(operation, Add, Remove, Replace);
                return authorizer with { IdentitySource = PatchValues.OptionalString(operation, max) };
            case "/identityValidationExpression":
                EnsureOp(operation, Add, Remove, Replace);
                return authorizer with { IdentityValidationExpression = PatchValues.OptionalString(operation, max) };
            case "/authorizerResultTtlInSeconds":
                EnsureOp(operation, Replace);
                return authorizer with { ResultTtlInSeconds = PatchValues.ParseInt32(operation, 0, AuthorizerDefinition.MaxResultTtlInSeconds) };
            case "/providerARNs":
                EnsureOp(operation, Add, Remove, Replace);
                return authorizer with { ProviderArns = PatchList(authorizer.ProviderArns, operation) };
            case "/authType":
                EnsureOp(operation, Add, Remove, Replace);
                return authorizer with { AuthType = PatchValues.OptionalString(operation, max) };
            case "/authorizerCredentials":
                EnsureOp(operation, Add, Remove, Replace);
                return authorizer with { AuthorizerCredentials = PatchValues.OptionalString(operation, max) };
            case "/jwtConfiguration/issuer":
                EnsureOp(operation, Add, Remove, Replace);
                return authorizer with { Issuer = PatchValues.OptionalString(operation, max) };
            case "/jwtConfiguration/audience":
                EnsureOp(operation, Add, Remove, Replace);
                return authorizer with { Audiences = PatchList(authorizer.Audiences, operation) };
            case "/authorizerPayloadFormatVersion":
                EnsureOp(operation, Add, Remove, Replace);
                return authorizer with { PayloadFormatVersion = PatchValues.OptionalString(operation, max) };
            case "/enableSimpleResponses":
                EnsureOp(operation, Replace);
                return authorizer with { EnableSimpleResponses = PatchValues.ParseBoolean(operation) };
            default:
                throw InvalidPath(operation.Path);
        }
    }

    /// <summary>
    /// As API Gateway patches list members: add appends one value (once), remove drops it (or, with
    /// no value, every entry), replace makes the value the only entry.
    /// </summary>
    private static IReadOnlyList<string> PatchList(IReadOnlyList<string> values, PatchOperation operation)
    {
        if (operation.Op == Remove && string.IsNullOrEmpty(operation.Value))
        {
            return [];
        }
        var value = PatchValues.RequireString(operation, AuthorizerRules.MaxTextLength);
        return operation.Op switch
        {
            Add => values.Contains(value, StringComparer.Ordinal) ? values : [.. values, value],
            Remove => values.Where(v => !string.Equals(v, value, StringComparison.Ordinal)).ToList(),
            _ => [value],
        };
    }
}

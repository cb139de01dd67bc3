using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using static OrleansGateway.Grains.Patching.PatchOperationRules;

namespace OrleansGateway.Grains.Patching;

/// <summary>
/// UpdateMethod: applies API Gateway's v1 patch operations to a method, then checks that an
/// authorization type needing an authorizer names one of the API's authorizers of a fitting type.
/// Pure, so the grain persists only a fully valid result.
/// </summary>
/// <remarks>
/// Paths: <c>/authorizationType</c>, <c>/authorizerId</c>, <c>/authorizationScopes</c> (add/remove
/// one scope, replace all with a comma list), <c>/apiKeyRequired</c>, <c>/operationName</c>,
/// <c>/requestValidatorId</c>, <c>/requestModels/{contentType}</c> (the operation's request body
/// schema for that media type becomes a reference to the model).
/// </remarks>
public static class MethodPatcher
{
    /// <summary>The authorization types accepted: API Gateway's four, plus JWT as an extension.</summary>
    public static IReadOnlyList<string> AuthorizationTypes { get; } = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS", "JWT"];

    /// <summary>Bound on a method's scopes (API Gateway allows 10 on an HTTP API route; REST is similar in practice).</summary>
    public const int MaxAuthorizationScopes = 50;

    private const int MaxTextLength = 1024;

    /// <summary>Applies <paramref name="operations"/> in order and validates the method against <paramref name="authorizers"/>.</summary>
    public static MethodDefinition Apply(MethodDefinition method, IReadOnlyList<PatchOperation> operations, IReadOnlyList<AuthorizerDefinition> authorizers)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(authorizers);
        var current = method;
        for (var i = 0; i < operations.Count; i++)
        {
            EnsureKnownOp(operations[i], i, "updateMethodInput");
            current = ApplyOne(current, operations[i]);
        }
        return EnsureAuthorizer(current, authorizers);
    }

    /// <summary>The authorizer a method names by id or (as imported methods do) by name; null if none matches.</summary>
    public static AuthorizerDefinition? Find(IReadOnlyList<AuthorizerDefinition> authorizers, string? authorizerId) =>
        authorizerId is null
            ? null
            : authorizers.FirstOrDefault(a => string.Equals(a.Id, authorizerId, StringComparison.Ordinal))
              ?? authorizers.FirstOrDefault(a => string.Equals(a.Name, authorizerId, StringComparison.Ordinal));

    private static MethodDefinition ApplyOne(MethodDefinition method, PatchOperation operation)
    {
        switch (operation.Path)
        {
            case "/authorizationType":
                EnsureOp(operation, Replace);
                return method with { AuthorizationType = PatchValues.ParseEnum(operation, AuthorizationTypes) };
            case "/authorizerId":
                EnsureOp(operation, Add, Remove, Replace);
                return method with { AuthorizerId = PatchValues.OptionalString(operation, MaxTextLength) };
            case "/authorizationScopes":
                EnsureOp(operation, Add, Remove, Replace);
                return method with { AuthorizationScopes = PatchScopes(method.AuthorizationScopes, operation) };
            case "/apiKeyRequired":
                EnsureOp(operation, Replace);
                return method with { ApiKeyRequired = PatchValues.ParseBoolean(operation) };
            case "/operationName":
                EnsureOp(operation, Add, Remove, Replace);
                return method with { OperationName = PatchValues.OptionalString(operation, MaxTextLength) };
            case "/requestValidatorId":
                EnsureOp(operation, Add, Remove, Replace);
                return method with { RequestValidatorName = PatchValues.OptionalString(operation, MaxTextLength) };
            case { } path when path.StartsWith(RequestModelsPath, StringComparison.Ordinal) && path.Length > RequestModelsPath.Length:
                EnsureOp(operation, Add, Remove, Replace);
                var contentType = Unescape(path[RequestModelsPath.Length..]);
                var model = Sets(operation) ? PatchValues.RequireString(operation, ModelPatcher.MaxNameLength) : null;
                return method with { OperationJson = OperationRequestModels.Set(method.OperationJson, contentType, model) };
            default:
                throw InvalidPath(operation.Path);
        }
    }

    /// <summary>The patch path prefix of a method's request models.</summary>
    public const string RequestModelsPath = "/requestModels/";

    private static IReadOnlyList<string> PatchScopes(IReadOnlyList<string> scopes, PatchOperation operation)
    {
        if (operation.Op == Remove && string.IsNullOrEmpty(operation.Value))
        {
            return [];
        }
        var value = PatchValues.RequireString(operation, MaxTextLength);
        IReadOnlyList<string> result = operation.Op switch
        {
            Add => scopes.Contains(value, StringComparer.Ordinal) ? scopes : [.. scopes, value],
            Remove => scopes.Where(s => !string.Equals(s, value, StringComparison.Ordinal)).ToList(),
            _ => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList(),
        };
        if (result.Count > MaxAuthorizationScopes)
        {
            throw ManagementException.BadRequest($"Too many authorization scopes specified. Maximum allowed: {MaxAuthorizationScopes}");
        }
        return result;
    }

    private static MethodDefinition EnsureAuthorizer(MethodDefinition method, IReadOnlyList<AuthorizerDefinition> authorizers)
    {
        string[] fitting;
        switch (method.AuthorizationType)
        {
            case "CUSTOM":
                fitting = [AuthorizerDefinition.Token, AuthorizerDefinition.Request];
                break;
            case "COGNITO_USER_POOLS":
                fitting = [AuthorizerDefinition.CognitoUserPools];
                break;
            case "JWT":
                fitting = [AuthorizerDefinition.Jwt];
                break;
            default:
                // NONE and AWS_IAM use no authorizer; API Gateway drops a stale authorizerId.
                return method.AuthorizerId is null ? method : method with { AuthorizerId = null };
        }
        var authorizer = Find(authorizers, method.AuthorizerId);
        if (authorizer is null)
        {
            throw ManagementException.BadRequest(
                $"Invalid authorizer ID specified. Setting the authorization type to {method.AuthorizationType} requires a valid authorizer.");
        }
        if (Array.IndexOf(fitting, authorizer.Type) < 0)
        {
            throw ManagementException.BadRequest(
                $"Authorizer '{authorizer.Id}' of type {authorizer.Type} cannot be used with authorization type {method.AuthorizationType}");
        }
        return method;
    }
}

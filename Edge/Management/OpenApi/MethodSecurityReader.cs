using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Derives a method's authorization from its security requirements, the way API Gateway reads them:
/// every scheme named in any requirement object applies (API Gateway's own exports list the
/// authorizer and the API key as separate objects and mean both). A scheme marked
/// <c>x-amazon-apigateway-authtype: awsSigv4</c> means IAM; one carrying
/// <c>x-amazon-apigateway-authorizer</c> means a Lambda (CUSTOM) or Cognito authorizer named after
/// the scheme; an <c>apiKey</c> scheme for the <c>x-api-key</c> header means an API key is required.
/// </summary>
internal static class MethodSecurityReader
{
    public const string AuthorizerExtension = "x-amazon-apigateway-authorizer";
    public const string AuthTypeExtension = "x-amazon-apigateway-authtype";
    public const string AuthExtension = "x-amazon-apigateway-auth";

    // "jwt" is an HTTP API authorizer in API Gateway; this gateway also accepts it on REST APIs (docs/compatibility.md).
    private static readonly string[] RestAuthorizerTypes = ["token", "request", "cognito_user_pools", "jwt"];

    /// <summary>Checks every scheme once, as API Gateway creates an authorizer for each even when unused.</summary>
    public static void ValidateSchemes(JsonObject? schemes, string location)
    {
        if (schemes is null)
        {
            return;
        }
        foreach (var (name, value) in schemes)
        {
            var at = DocumentLocation.Child(location, name);
            if (value is not JsonObject scheme)
            {
                continue;
            }
            ImportJson.Scalar(scheme, AuthTypeExtension, at);
            if (scheme[AuthorizerExtension] is not { } authorizerNode)
            {
                continue;
            }
            var authorizerAt = DocumentLocation.Child(at, AuthorizerExtension);
            var authorizer = ImportJson.Object(authorizerNode, authorizerAt)!;
            var type = ImportJson.Scalar(authorizer, "type", authorizerAt)?.ToLowerInvariant()
                ?? throw ImportJson.Error(DocumentLocation.Child(authorizerAt, "type"), "required; one of token, request, cognito_user_pools");
            if (!RestAuthorizerTypes.Contains(type))
            {
                throw ImportJson.Error(DocumentLocation.Child(authorizerAt, "type"), $"'{type}' is not one of token, request, cognito_user_pools, jwt");
            }
            if (type == "jwt" && ImportJson.Scalar(authorizer["jwtConfiguration"] as JsonObject ?? [], "issuer", DocumentLocation.Child(authorizerAt, "jwtConfiguration")) is null)
            {
                throw ImportJson.Error(DocumentLocation.Child(authorizerAt, "jwtConfiguration.issuer"), "required for a jwt authorizer");
            }
        }
    }

    /// <summary>
    /// Checks security requirements as written: a malformed one is an error, one naming an undefined
    /// scheme a warning. The library drops both while reading, so this looks at the raw document.
    /// </summary>
    public static void CheckRequirements(JsonObject raw, bool swagger, ICollection<string> warnings)
    {
        var defined = (swagger ? raw["securityDefinitions"] : raw["components"]?["securitySchemes"]) as JsonObject;
        Check(raw["security"], "security");
        foreach (var (path, item) in raw["paths"] as JsonObject ?? [])
        {
            foreach (var (method, operation) in item as JsonObject ?? [])
            {
                if (operation is JsonObject op)
                {
                    Check(op["security"], DocumentLocation.Child(DocumentLocation.Operation(path, method), "security"));
                }
            }
        }

        void Check(JsonNode? security, string location)
        {
            if (security is null)
            {
                return;
            }
            // The parser drops a malformed requirement silently, which would leave the method open.
            var requirements = security as JsonArray
                ?? throw ImportJson.Error(location, $"expected an array of security requirements, found {ImportJson.Describe(security)}");
            for (var i = 0; i < requirements.Count; i++)
            {
                var requirement = requirements[i] as JsonObject
                    ?? throw ImportJson.Error(DocumentLocation.Index(location, i), $"expected a security requirement object, found {ImportJson.Describe(requirements[i])}");
                foreach (var (name, scopes) in requirement)
                {
                    if (scopes is not JsonArray)
                    {
                        throw ImportJson.Error(DocumentLocation.Child(DocumentLocation.Index(location, i), name), $"expected an array of scopes, found {ImportJson.Describe(scopes)}");
                    }
                    if (defined?[name] is null)
                    {
                        warnings.Add($"security scheme '{name}' at {DocumentLocation.Index(location, i)}: not defined in the document; ignored");
                    }
                }
            }
        }
    }

    public static MethodSecurity Read(JsonNode? security, JsonObject? schemes, JsonObject operation, string location, string securityLocation, ICollection<string> warnings)
    {
        var result = FromRequirements(security, schemes, location, securityLocation, warnings);
        if (operation[AuthExtension] is { } authNode)
        {
            // x-amazon-apigateway-auth {type: NONE|AWS_IAM} overrides what security says.
            var at = DocumentLocation.Child(location, AuthExtension);
            var auth = ImportJson.Object(authNode, at)!;
            var type = ImportJson.Scalar(auth, "type", at)?.ToUpperInvariant();
            result = type switch
            {
                "NONE" => result with { AuthorizationType = "NONE", AuthorizerId = null, AuthorizationScopes = [] },
                "AWS_IAM" => result with { AuthorizationType = "AWS_IAM", AuthorizerId = null, AuthorizationScopes = [] },
                _ => throw ImportJson.Error(DocumentLocation.Child(at, "type"), $"'{type}' is not one of NONE, AWS_IAM"),
            };
        }
        return result;
    }

    private static MethodSecurity FromRequirements(JsonNode? security, JsonObject? schemes, string location, string securityLocation, ICollection<string> warnings)
    {
        if (security is null)
        {
            return MethodSecurity.None;
        }
        if (security is not JsonArray requirements)
        {
            throw ImportJson.Error(securityLocation, $"expected an array, found {ImportJson.Describe(security)}");
        }
        var result = MethodSecurity.None;
        for (var i = 0; i < requirements.Count; i++)
        {
            if (requirements[i] is not JsonObject requirement)
            {
                throw ImportJson.Error(DocumentLocation.Index(securityLocation, i), $"expected an object, found {ImportJson.Describe(requirements[i])}");
            }
            foreach (var (schemeName, scopesNode) in requirement)
            {
                var at = DocumentLocation.Child(DocumentLocation.Index(securityLocation, i), schemeName);
                if (schemes?[schemeName] is not JsonObject scheme)
                {
                    warnings.Add($"security scheme '{schemeName}' at {at}: not defined in the document; ignored");
                    continue;
                }
                var scopes = scopesNode is JsonArray array
                    ? array.Select((s, k) => ImportJson.Scalar(s, DocumentLocation.Index(at, k)) ?? "").ToArray()
                    : [];
                result = Apply(result, schemeName, scheme, scopes, location, warnings);
            }
        }
        return result;
    }

    private static MethodSecurity Apply(MethodSecurity current, string schemeName, JsonObject scheme, string[] scopes, string location, ICollection<string> warnings)
    {
        var authType = ImportJson.Scalar(scheme[AuthTypeExtension], AuthTypeExtension);
        if (string.Equals(authType, "awsSigv4", StringComparison.OrdinalIgnoreCase))
        {
            return SetAuthorization(current, new MethodSecurity("AWS_IAM", null, current.ApiKeyRequired, []), schemeName, location, warnings);
        }
        if (scheme[AuthorizerExtension] is { } authorizerNode)
        {
            var authorizer = ImportJson.Object(authorizerNode, AuthorizerExtension)!;
            var type = ImportJson.Scalar(authorizer["type"], "type")?.ToLowerInvariant();
            // A JWT authorizer is, like Cognito's, a token check with scopes; API Gateway calls HTTP API JWT routes "JWT".
            var authorizationType = type is "cognito_user_pools" ? "COGNITO_USER_POOLS" : type is "jwt" ? "JWT" : "CUSTOM";
            return SetAuthorization(current, new MethodSecurity(authorizationType, schemeName, current.ApiKeyRequired, scopes), schemeName, location, warnings);
        }
        var schemeType = ImportJson.Scalar(scheme["type"], "type");
        var keyName = ImportJson.Scalar(scheme["name"], "name");
        var keyIn = ImportJson.Scalar(scheme["in"], "in");
        if (string.Equals(schemeType, "apiKey", StringComparison.OrdinalIgnoreCase)
            && string.Equals(keyName, "x-api-key", StringComparison.OrdinalIgnoreCase)
            && string.Equals(keyIn, "header", StringComparison.OrdinalIgnoreCase))
        {
            return current with { ApiKeyRequired = true };
        }
        warnings.Add($"security scheme '{schemeName}' at {location}: a {schemeType ?? "untyped"} scheme without API Gateway extensions does not protect the method; ignored");
        return current;
    }

    private static MethodSecurity SetAuthorization(MethodSecurity current, MethodSecurity next, string schemeName, string location, ICollection<string> warnings)
    {
        if (current.AuthorizationType == "NONE")
        {
            return next;
        }
        warnings.Add($"security scheme '{schemeName}' at {location}: a method has one authorizer; '{current.AuthorizerId ?? current.AuthorizationType}' is kept");
        return current;
    }
}

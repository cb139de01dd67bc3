using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>
/// Exports authorizers as API Gateway does: one security scheme per authorizer, named after it,
/// carrying <c>x-amazon-apigateway-authtype</c> and <c>x-amazon-apigateway-authorizer</c>; methods
/// refer to the scheme by the authorizer's name.
/// </summary>
internal static class AuthorizerSecuritySchemes
{
    /// <summary>
    /// Writes a scheme for every authorizer into <c>components.securitySchemes</c>. An imported
    /// scheme keeps its other members; its authorizer extension is rewritten so changes made through
    /// the management API since the import show.
    /// </summary>
    public static void Write(JsonObject document, IReadOnlyList<AuthorizerDefinition> authorizers)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (authorizers.Count == 0)
        {
            return;
        }
        if (document["components"] is not JsonObject components)
        {
            components = [];
            document["components"] = components;
        }
        if (components["securitySchemes"] is not JsonObject schemes)
        {
            schemes = [];
            components["securitySchemes"] = schemes;
        }
        foreach (var authorizer in authorizers)
        {
            if (schemes[authorizer.Name] is JsonObject imported && Describes(imported, authorizer))
            {
                // Unchanged since import: the scheme goes out exactly as it came in.
                continue;
            }
            var scheme = schemes[authorizer.Name] as JsonObject ?? new JsonObject { ["type"] = "apiKey" };
            scheme["name"] = TokenHeader(authorizer) ?? "Unused";
            scheme["in"] = "header";
            scheme[MethodSecurityReader.AuthTypeExtension] = authorizer.AuthType ?? DefaultAuthType(authorizer.Type);
            scheme[MethodSecurityReader.AuthorizerExtension] = Extension(authorizer);
            schemes[authorizer.Name] = scheme;
        }
    }

    /// <summary>The resources with every method naming its authorizer by name (the scheme key), not by id.</summary>
    public static IReadOnlyList<ResourceDefinition> ReferByName(ApiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var names = definition.Authorizers.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return definition.Resources;
        }
        return definition.Resources.Select(resource => resource with
        {
            Methods = resource.Methods.ToDictionary(
                m => m.Key,
                m => m.Value.AuthorizerId is { } id && names.TryGetValue(id, out var name) ? m.Value with { AuthorizerId = name } : m.Value,
                StringComparer.Ordinal),
        }).ToList();
    }

    /// <summary>
    /// Whether an imported operation's <c>security</c> (or the document's, when it has none) still
    /// says what <paramref name="method"/>'s authorization is; false after an UpdateMethod changed it.
    /// </summary>
    public static bool SecurityDescribes(JsonObject operation, MethodDefinition method, JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(document);
        MethodSecurity read;
        try
        {
            read = MethodSecurityReader.Read(
                operation["security"] ?? document["security"], document["components"]?["securitySchemes"] as JsonObject, operation, "export", "security", []);
        }
        catch (OpenApiImportException)
        {
            // It imported once, so this cannot happen; if it does, keep the operation as imported.
            return true;
        }
        return read.AuthorizationType == method.AuthorizationType
            && read.AuthorizerId == method.AuthorizerId
            && read.ApiKeyRequired == method.ApiKeyRequired
            && read.AuthorizationScopes.SequenceEqual(method.AuthorizationScopes, StringComparer.Ordinal);
    }

    /// <summary>Whether reading <paramref name="scheme"/> as an import would give <paramref name="authorizer"/> again.</summary>
    private static bool Describes(JsonObject scheme, AuthorizerDefinition authorizer)
    {
        if (scheme[MethodSecurityReader.AuthorizerExtension] is null)
        {
            return false;
        }
        var read = AuthorizerDefinitionReader.Read(new JsonObject { [authorizer.Name] = scheme.DeepClone() }, "components.securitySchemes");
        if (read.Count != 1)
        {
            return false;
        }
        var r = read[0];
        return r.Type == authorizer.Type
            && r.AuthorizerUri == authorizer.AuthorizerUri
            && r.IdentitySource == authorizer.IdentitySource
            && r.IdentityValidationExpression == authorizer.IdentityValidationExpression
            && r.ResultTtlInSeconds == authorizer.ResultTtlInSeconds
            && r.ProviderArns.SequenceEqual(authorizer.ProviderArns, StringComparer.Ordinal)
            && r.Issuer == authorizer.Issuer
            && r.Audiences.SequenceEqual(authorizer.Audiences, StringComparer.Ordinal)
            && r.PayloadFormatVersion == authorizer.PayloadFormatVersion
            && r.EnableSimpleResponses == authorizer.EnableSimpleResponses
            && r.AuthorizerCredentials == authorizer.AuthorizerCredentials
            && (authorizer.AuthType is null
                || (scheme[MethodSecurityReader.AuthTypeExtension] is JsonValue authType && authType.TryGetValue<string>(out var text) && text == authorizer.AuthType));
    }

    private static JsonObject Extension(AuthorizerDefinition authorizer)
    {
        var extension = new JsonObject { ["type"] = authorizer.Type.ToLowerInvariant() };
        Set(extension, "authorizerUri", authorizer.AuthorizerUri);
        Set(extension, "authorizerCredentials", authorizer.AuthorizerCredentials);
        Set(extension, "identitySource", authorizer.IdentitySource);
        Set(extension, "identityValidationExpression", authorizer.IdentityValidationExpression);
        extension["authorizerResultTtlInSeconds"] = authorizer.ResultTtlInSeconds;
        if (authorizer.ProviderArns.Count > 0)
        {
            extension["providerARNs"] = new JsonArray([.. authorizer.ProviderArns.Select(a => (JsonNode?)a)]);
        }
        if (authorizer.Type == AuthorizerDefinition.Jwt)
        {
            extension["jwtConfiguration"] = new JsonObject
            {
                ["issuer"] = authorizer.Issuer,
                ["audience"] = new JsonArray([.. authorizer.Audiences.Select(a => (JsonNode?)a)]),
            };
        }
        Set(extension, "authorizerPayloadFormatVersion", authorizer.PayloadFormatVersion);
        if (authorizer.EnableSimpleResponses)
        {
            extension["enableSimpleResponses"] = true;
        }
        return extension;
    }

    private static string? TokenHeader(AuthorizerDefinition authorizer)
    {
        const string header = "method.request.header.";
        var source = authorizer.IdentitySource?.Split(',')[0].Trim();
        return source is not null && source.StartsWith(header, StringComparison.Ordinal) ? source[header.Length..] : null;
    }

    private static string DefaultAuthType(string type) => type switch
    {
        AuthorizerDefinition.CognitoUserPools => "cognito_user_pools",
        AuthorizerDefinition.Jwt => "jwt",
        _ => "custom",
    };

    private static void Set(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}

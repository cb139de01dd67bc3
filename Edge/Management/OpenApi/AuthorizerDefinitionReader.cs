using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Reads the API's authorizers from security schemes carrying <c>x-amazon-apigateway-authorizer</c>,
/// as API Gateway creates one authorizer per such scheme, named after it. Methods keep naming the
/// scheme; the stage compiler resolves a method's authorizer by id or by name.
/// </summary>
internal static class AuthorizerDefinitionReader
{
    public static IReadOnlyList<AuthorizerDefinition> Read(JsonObject? schemes, string location)
    {
        var authorizers = new List<AuthorizerDefinition>();
        foreach (var (name, value) in schemes ?? [])
        {
            if (value is not JsonObject scheme || scheme[MethodSecurityReader.AuthorizerExtension] is not JsonObject authorizer)
            {
                continue;
            }
            var at = DocumentLocation.Child(DocumentLocation.Child(location, name), MethodSecurityReader.AuthorizerExtension);
            var type = (ImportJson.Scalar(authorizer, "type", at) ?? "token").ToUpperInvariant();
            var headerName = ImportJson.Scalar(scheme, "name", DocumentLocation.Child(location, name));
            var identitySource = ImportJson.Scalar(authorizer, "identitySource", at)
                ?? (headerName is not null && type is AuthorizerDefinition.Token or AuthorizerDefinition.CognitoUserPools
                    ? "method.request.header." + headerName
                    : null);
            var ttl = ImportJson.Scalar(authorizer, "authorizerResultTtlInSeconds", at);
            var ttlSeconds = AuthorizerDefinition.DefaultResultTtlInSeconds;
            if (ttl is not null && (!int.TryParse(ttl, out ttlSeconds) || ttlSeconds is < 0 or > AuthorizerDefinition.MaxResultTtlInSeconds))
            {
                throw ImportJson.Error(DocumentLocation.Child(at, "authorizerResultTtlInSeconds"), $"'{ttl}' is not a whole number of seconds from 0 to {AuthorizerDefinition.MaxResultTtlInSeconds}");
            }
            var jwt = authorizer["jwtConfiguration"] as JsonObject;
            authorizers.Add(new AuthorizerDefinition(
                IdFor(name),
                name,
                type,
                ImportJson.Scalar(authorizer, "authorizerUri", at),
                identitySource,
                ImportJson.Scalar(authorizer, "identityValidationExpression", at),
                ttlSeconds,
                Strings(authorizer["providerARNs"], DocumentLocation.Child(at, "providerARNs")),
                jwt is null ? null : ImportJson.Scalar(jwt, "issuer", DocumentLocation.Child(at, "jwtConfiguration")),
                jwt is null ? [] : Strings(jwt["audience"], DocumentLocation.Child(at, "jwtConfiguration.audience")),
                ImportJson.Scalar(authorizer, "authorizerPayloadFormatVersion", at),
                string.Equals(ImportJson.Scalar(authorizer, "enableSimpleResponses", at), "true", StringComparison.OrdinalIgnoreCase),
                ImportJson.Scalar(authorizer, "authorizerCredentials", at)));
        }
        return authorizers;
    }

    /// <summary>A stable 6-character id for an authorizer named <paramref name="name"/>, so re-imports keep it.</summary>
    public static string IdFor(string name)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("authorizer\n" + name));
        var id = new char[6];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = alphabet[hash[i] % alphabet.Length];
        }
        return new string(id);
    }

    private static string[] Strings(JsonNode? node, string location) => node switch
    {
        null => [],
        JsonArray array => array.Select((item, i) => ImportJson.Scalar(item, DocumentLocation.Index(location, i)) ?? "").ToArray(),
        _ => [ImportJson.Scalar(node, location) ?? ""],
    };
}

using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Replaces secrets in recorded parameters with CloudTrail's <c>HIDDEN_DUE_TO_SECURITY_REASONS</c>:
/// fields whose name says secret (secret keys, passwords, tokens, private keys), an API key's
/// <c>value</c>, and patch operations whose path names one of those.
/// </summary>
internal static class AuditParameterMasker
{
    /// <summary>What a masked value is replaced with.</summary>
    public const string Hidden = "HIDDEN_DUE_TO_SECURITY_REASONS";

    private static readonly FrozenSet<string> SecretNames = new[]
    {
        "secretaccesskey", "secretkey", "secret", "clientsecret", "password", "newpassword", "oldpassword",
        "token", "sessiontoken", "authorizationtoken", "authorization", "privatekey", "privatekeypem",
        "certificateprivatekey", "x-api-key", "apikeyvalue", "digestkey", "signingkey",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Operations whose <c>value</c> field is an API key.</summary>
    private static readonly FrozenSet<string> ApiKeyValueOperations = new[] { "CreateApiKey", "ImportApiKeys", "UpdateApiKey" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Masks <paramref name="node"/> in place.</summary>
    public static void Mask(JsonNode? node, string eventName) => Visit(node, ApiKeyValueOperations.Contains(eventName));

    /// <summary>Whether a field of this name is a secret.</summary>
    public static bool IsSecretName(string name) => SecretNames.Contains(name) || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase) || name.Contains("privatekey", StringComparison.OrdinalIgnoreCase);

    private static void Visit(JsonNode? node, bool valueIsApiKey)
    {
        switch (node)
        {
            case JsonObject obj:
                var patchPathIsSecret = obj["path"] is JsonValue path && path.TryGetValue<string>(out var text) && PatchPathIsSecret(text);
                foreach (var name in obj.Select(pair => pair.Key).ToList())
                {
                    if (IsSecretName(name) || (name == "value" && (valueIsApiKey || patchPathIsSecret)))
                    {
                        obj[name] = Hidden;
                    }
                    else
                    {
                        Visit(obj[name], valueIsApiKey);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item, valueIsApiKey);
                }
                break;
        }
    }

    private static bool PatchPathIsSecret(string path) =>
        path.Split('/').Any(segment => segment == "value" || IsSecretName(segment));
}

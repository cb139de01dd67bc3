using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Security.Policies;

namespace OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;

/// <summary>
/// Reads an API's resource policy: API Gateway's size limit, IAM grammar (<see cref="PolicyDocument"/>),
/// a principal on every statement, and the <c>execute-api:/…</c> shorthand for this API's ARNs.
/// </summary>
public static class ResourcePolicyReader
{
    /// <summary>API Gateway's resource policy size quota, in characters.</summary>
    public const int MaxLength = 8192;

    /// <summary>The prefix of shorthand resources, e.g. <c>execute-api:/prod/GET/pets</c>, <c>execute-api:/*</c>.</summary>
    public const string ShorthandPrefix = "execute-api:/";

    /// <summary>
    /// Validates <paramref name="json"/> as management and import accept it (shorthand left as written,
    /// since the API id may not exist yet).
    /// </summary>
    /// <exception cref="PolicyDocumentException">The policy cannot be used; the message says why.</exception>
    public static void Validate(string json) => Read(json, "us-east-1", "000000000000", "apiid");

    /// <summary>
    /// Parses <paramref name="json"/> with shorthand resources expanded to
    /// <c>arn:aws:execute-api:{region}:{account}:{apiId}/…</c>.
    /// </summary>
    /// <exception cref="PolicyDocumentException">The policy cannot be used; the message says why.</exception>
    public static PolicyDocument Read(string json, string region, string accountId, string apiId)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw new PolicyDocumentException($"Policy document is {json.Length} characters long; the maximum is {MaxLength}");
        }
        // Parse first, on the text as written, so that error messages and limits are the engine's.
        var document = PolicyDocument.Parse(json, MaxLength);
        if (!document.EveryStatementHasPrincipal)
        {
            throw new PolicyDocumentException("Every statement of a resource policy must have a Principal or NotPrincipal");
        }
        if (!json.Contains(ShorthandPrefix, StringComparison.Ordinal))
        {
            return document;
        }
        var expanded = ExpandShorthand(json, $"arn:aws:execute-api:{region}:{accountId}:{apiId}/");
        // The expansion can make the text longer than the quota; the quota applies to what the user wrote.
        return PolicyDocument.Parse(expanded, int.MaxValue);
    }

    /// <summary>Rewrites every <c>Resource</c>/<c>NotResource</c> value that starts with <see cref="ShorthandPrefix"/>.</summary>
    private static string ExpandShorthand(string json, string arnPrefix)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = PolicyDocumentParser.MaxDepth })!;
        var statements = root["Statement"];
        foreach (var statement in statements is JsonArray list ? list : (IEnumerable<JsonNode?>)[statements])
        {
            if (statement is not JsonObject fields)
            {
                continue;
            }
            foreach (var name in (string[])["Resource", "NotResource"])
            {
                switch (fields[name])
                {
                    case JsonValue value when value.TryGetValue<string>(out var text):
                        fields[name] = Expand(text, arnPrefix);
                        break;
                    case JsonArray values:
                        for (var i = 0; i < values.Count; i++)
                        {
                            if (values[i] is JsonValue item && item.TryGetValue<string>(out var itemText))
                            {
                                values[i] = Expand(itemText, arnPrefix);
                            }
                        }
                        break;
                }
            }
        }
        return root.ToJsonString();
    }

    private static string Expand(string resource, string arnPrefix) =>
        resource.StartsWith(ShorthandPrefix, StringComparison.Ordinal)
            ? string.Concat(arnPrefix, resource.AsSpan(ShorthandPrefix.Length))
            : resource;
}

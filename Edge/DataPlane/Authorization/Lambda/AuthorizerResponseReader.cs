using System.Text.Json;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Grains.Interfaces.Authorizers;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>
/// Reads what the function answered (reference §3.1, §3.2). The stand-in signals Lambda's
/// <c>throw new Error("Unauthorized")</c> with HTTP 401, or with a 200 whose body is the JSON string
/// <c>"Unauthorized"</c> or a Lambda error object <c>{"errorMessage":"Unauthorized"}</c>. Any other
/// error object, non-2xx status, non-JSON or malformed answer is AUTHORIZER_CONFIGURATION_ERROR.
/// </summary>
internal static class AuthorizerResponseReader
{
    /// <summary>API Gateway's limit on an authorizer's response.</summary>
    public const int MaxResponseBytes = 8 * 1024;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 16 };

    public static AuthorizerCallOutcome Read(CompiledLambdaAuthorizer authorizer, int status, ReadOnlyMemory<byte> body)
    {
        if (status == 401)
        {
            return AuthorizerCallOutcome.Unauthorized;
        }
        if (status is < 200 or > 299)
        {
            return AuthorizerCallOutcome.BadOutput($"the function answered HTTP {status}");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException)
        {
            return AuthorizerCallOutcome.BadOutput("the function's answer is not JSON");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                return root.ValueEquals("Unauthorized") ? AuthorizerCallOutcome.Unauthorized : AuthorizerCallOutcome.BadOutput("the function answered a string");
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                return AuthorizerCallOutcome.BadOutput("the function's answer is not a JSON object");
            }
            if (root.TryGetProperty("errorMessage", out var error))
            {
                return error.ValueKind == JsonValueKind.String && error.ValueEquals("Unauthorized")
                    ? AuthorizerCallOutcome.Unauthorized
                    : AuthorizerCallOutcome.BadOutput("the function raised an error");
            }
            return authorizer.SimpleResponses ? ReadSimple(root) : ReadPolicy(root, authorizer.IsPayloadV2);
        }
    }

    private static AuthorizerCallOutcome ReadSimple(JsonElement root)
    {
        if (!root.TryGetProperty("isAuthorized", out var authorized) || authorized.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return AuthorizerCallOutcome.BadOutput("a simple response needs a boolean isAuthorized");
        }
        if (!TryReadContext(root, allowStructured: true, out var context, out var why))
        {
            return AuthorizerCallOutcome.BadOutput(why);
        }
        return AuthorizerCallOutcome.Answered(new CachedAuthorizerResult(null, null, context, null, authorized.GetBoolean(), default));
    }

    private static AuthorizerCallOutcome ReadPolicy(JsonElement root, bool payloadV2)
    {
        if (!root.TryGetProperty("principalId", out var principal) || principal.ValueKind != JsonValueKind.String)
        {
            return AuthorizerCallOutcome.BadOutput("the answer has no principalId string");
        }
        if (!root.TryGetProperty("policyDocument", out var policy) || policy.ValueKind != JsonValueKind.Object)
        {
            return AuthorizerCallOutcome.BadOutput("the answer has no policyDocument object");
        }
        var policyJson = policy.GetRawText();
        try
        {
            // Parsed here only to refuse a bad policy at the source; each edge parses its own copy once per lease.
            PolicyDocument.Parse(policyJson);
        }
        catch (PolicyDocumentException)
        {
            return AuthorizerCallOutcome.BadOutput("the policyDocument is not a valid policy");
        }
        if (!TryReadContext(root, allowStructured: payloadV2, out var context, out var why))
        {
            return AuthorizerCallOutcome.BadOutput(why);
        }
        string? usageKey = null;
        if (root.TryGetProperty("usageIdentifierKey", out var key) && key.ValueKind != JsonValueKind.Null)
        {
            if (key.ValueKind != JsonValueKind.String)
            {
                return AuthorizerCallOutcome.BadOutput("usageIdentifierKey is not a string");
            }
            usageKey = key.GetString();
        }
        return AuthorizerCallOutcome.Answered(new CachedAuthorizerResult(principal.GetString(), policyJson, context, usageKey, null, default));
    }

    private static bool TryReadContext(JsonElement root, bool allowStructured, out IReadOnlyDictionary<string, string> context, out string why)
    {
        why = string.Empty;
        context = System.Collections.Frozen.FrozenDictionary<string, string>.Empty;
        if (!root.TryGetProperty("context", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            why = "context is not an object";
            return false;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    values[property.Name] = property.Value.GetString()!;
                    break;
                case JsonValueKind.Number:
                    values[property.Name] = property.Value.GetRawText();
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    values[property.Name] = property.Value.GetBoolean() ? "true" : "false";
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    if (!allowStructured)
                    {
                        // REST (payload 1.0) context values must be string, number or boolean.
                        why = "a context value is an object or array";
                        return false;
                    }
                    values[property.Name] = property.Value.GetRawText();
                    break;
            }
        }
        context = values;
        return true;
    }
}

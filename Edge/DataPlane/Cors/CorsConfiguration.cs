using System.Text.Json;

namespace OrleansGateway.Edge.DataPlane.Cors;

/// <summary>
/// An API's <c>x-amazon-apigateway-cors</c> (HTTP API <c>corsConfiguration</c> shape), as read at
/// import (to refuse a bad one with 400) and again when a stage is compiled.
/// </summary>
/// <param name="AllowOrigins">Origins allowed (<c>*</c> for any); matched scheme, host and port.</param>
/// <param name="AllowMethods">Methods a preflight may ask for (<c>*</c> for any).</param>
/// <param name="AllowHeaders">Request headers a preflight may ask for (<c>*</c> for any).</param>
/// <param name="ExposeHeaders">Response headers the browser may show to the page.</param>
/// <param name="MaxAge">Seconds a browser may cache a preflight (−1…86400); null to leave it to the browser.</param>
/// <param name="AllowCredentials">Whether the page may send cookies / Authorization.</param>
public sealed record CorsConfiguration(
    IReadOnlyList<string> AllowOrigins,
    IReadOnlyList<string> AllowMethods,
    IReadOnlyList<string> AllowHeaders,
    IReadOnlyList<string> ExposeHeaders,
    int? MaxAge,
    bool AllowCredentials)
{
    /// <summary>The OpenAPI root extension that carries the configuration.</summary>
    public const string Extension = "x-amazon-apigateway-cors";

    /// <summary>Most entries any one list may hold (bounds what a document can make the edge do).</summary>
    public const int MaxListEntries = 100;

    /// <summary>Longest entry (an origin or a header name) accepted.</summary>
    public const int MaxEntryLength = 512;

    /// <summary>Largest <see cref="MaxAge"/>, as in API Gateway.</summary>
    public const int MaxMaxAge = 86400;

    /// <summary>
    /// Reads the extension's JSON. Returns false with <paramref name="error"/> (API Gateway's message
    /// where it has one) when the configuration is malformed or asks for credentials with origin <c>*</c>.
    /// </summary>
    public static bool TryParse(string json, out CorsConfiguration? configuration, out string? error)
    {
        configuration = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            return TryParse(document.RootElement, out configuration, out error);
        }
        catch (JsonException)
        {
            error = "the value is not valid JSON";
            return false;
        }
    }

    /// <inheritdoc cref="TryParse(string, out CorsConfiguration?, out string?)"/>
    public static bool TryParse(JsonElement root, out CorsConfiguration? configuration, out string? error)
    {
        configuration = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "expected an object";
            return false;
        }
        if (!TryList(root, "allowOrigins", out var origins, out error)
            || !TryList(root, "allowMethods", out var methods, out error)
            || !TryList(root, "allowHeaders", out var headers, out error)
            || !TryList(root, "exposeHeaders", out var expose, out error))
        {
            return false;
        }
        int? maxAge = null;
        if (root.TryGetProperty("maxAge", out var age) && age.ValueKind != JsonValueKind.Null)
        {
            if (age.ValueKind != JsonValueKind.Number || !age.TryGetInt32(out var seconds) || seconds is < -1 or > MaxMaxAge)
            {
                error = $"maxAge must be an integer from -1 to {MaxMaxAge}";
                return false;
            }
            maxAge = seconds;
        }
        var credentials = false;
        if (root.TryGetProperty("allowCredentials", out var allow) && allow.ValueKind != JsonValueKind.Null)
        {
            if (allow.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "allowCredentials must be a boolean";
                return false;
            }
            credentials = allow.GetBoolean();
        }
        if (credentials && origins.Contains("*", StringComparer.Ordinal))
        {
            // API Gateway's own wording for this refusal.
            error = "allow-credentials is not supported if 'allow-origin' is *";
            return false;
        }
        configuration = new CorsConfiguration(origins, methods, headers, expose, maxAge, credentials);
        return true;
    }

    private static bool TryList(JsonElement root, string name, out List<string> values, out string? error)
    {
        values = [];
        error = null;
        if (!root.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxListEntries)
        {
            error = $"{name} must be an array of at most {MaxListEntries} strings";
            return false;
        }
        foreach (var item in list.EnumerateArray())
        {
            var value = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(value) || value.Length > MaxEntryLength || value.Any(char.IsControl))
            {
                error = $"{name} must hold non-empty strings of at most {MaxEntryLength} characters";
                return false;
            }
            values.Add(value);
        }
        return true;
    }
}

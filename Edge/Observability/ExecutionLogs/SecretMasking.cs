using System.Text;
using Microsoft.Extensions.Primitives;

namespace OrleansGateway.Edge.Observability.ExecutionLogs;

/// <summary>
/// Masks credentials before anything reaches an execution log: the values of Authorization (a
/// SigV4 header keeps its credential scope, loses its signature), x-api-key, cookies and security
/// tokens, and the signature and token of presigned query strings.
/// </summary>
internal static class SecretMasking
{
    /// <summary>What a masked value is replaced with.</summary>
    public const string Mask = "****";

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "x-api-key", "Cookie", "Set-Cookie", "X-Amz-Security-Token",
    };

    private static readonly HashSet<string> SecretQueryParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Amz-Signature", "X-Amz-Security-Token",
    };

    /// <summary>The headers as <c>{name=value, ...}</c>, secrets masked.</summary>
    public static string Headers(IEnumerable<KeyValuePair<string, StringValues>> headers)
    {
        var text = new StringBuilder("{");
        foreach (var (name, values) in headers)
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }
            text.Append(name).Append('=').Append(HeaderValue(name, values.ToString()));
        }
        return text.Append('}').ToString();
    }

    /// <summary>One header's value, masked when it carries a secret.</summary>
    public static string HeaderValue(string name, string value)
    {
        if (!SecretHeaders.Contains(name))
        {
            return value;
        }
        if (string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase)
            && value.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            // The credential scope and signed headers help debugging and are not secret; the signature is.
            var signature = value.IndexOf("Signature=", StringComparison.Ordinal);
            return signature < 0 ? Mask : string.Concat(value.AsSpan(0, signature + "Signature=".Length), Mask);
        }
        var space = value.IndexOf(' ');
        // Keep the scheme ("Bearer ****"), never any part of the credential.
        return space > 0 && string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) ? string.Concat(value.AsSpan(0, space + 1), Mask) : Mask;
    }

    /// <summary>A backend URI with the values of presigned-URL secrets in its query masked.</summary>
    public static string Uri(string uri)
    {
        var query = uri.IndexOf('?');
        if (query < 0)
        {
            return uri;
        }
        var text = new StringBuilder(uri, 0, query + 1, uri.Length);
        var first = true;
        foreach (var pair in uri.AsSpan(query + 1).Split('&'))
        {
            var parameter = uri.AsSpan(query + 1)[pair];
            if (!first)
            {
                text.Append('&');
            }
            first = false;
            var equals = parameter.IndexOf('=');
            var name = System.Net.WebUtility.UrlDecode((equals < 0 ? parameter : parameter[..equals]).ToString());
            text.Append(equals >= 0 && SecretQueryParameters.Contains(name) ? string.Concat(parameter[..(equals + 1)], Mask) : parameter);
        }
        return text.ToString();
    }

    /// <summary>The query string as <c>{name=value, ...}</c>, presigned-URL secrets masked.</summary>
    public static string Query(IQueryCollection query)
    {
        var text = new StringBuilder("{");
        foreach (var (name, values) in query)
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }
            text.Append(name).Append('=').Append(SecretQueryParameters.Contains(name) ? Mask : values.ToString());
        }
        return text.Append('}').ToString();
    }
}

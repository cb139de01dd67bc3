using System.Net;
using System.Text;

namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>
/// The text transformations the managed core rule group applies before its detectors run: URL decode (a second
/// time, for double encoding), HTML entity decode, compress white space. The corpus report runs the detectors
/// on values transformed this way, as the gateway does.
/// </summary>
public static class CoreRuleTransforms
{
    /// <summary>Applies the core rule group's transformations to an already URL-decoded value.</summary>
    public static string Apply(string decoded)
    {
        var twice = decoded.Contains('%', StringComparison.Ordinal) ? UrlDecode(decoded) : decoded;
        var entities = twice.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(twice) : twice;
        return CompressWhiteSpace(entities);
    }

    /// <summary>URL decoding as upstream libinjection's reader does it: '+' is a space, %XX a byte, bytes read as UTF-8.</summary>
    public static string UrlDecode(string value) => WebUtility.UrlDecode(value);

    private static string CompressWhiteSpace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var lastWasSpace = false;
        foreach (var c in value)
        {
            var space = c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v' or '\u00a0';
            if (space && lastWasSpace)
            {
                continue;
            }
            builder.Append(space ? ' ' : c);
            lastWasSpace = space;
        }
        return builder.ToString();
    }
}

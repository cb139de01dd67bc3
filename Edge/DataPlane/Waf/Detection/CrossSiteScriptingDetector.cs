using System.Buffers;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects cross-site scripting (WAFv2 XssMatchStatement) in a value the WAF has already transformed.</summary>
/// <remarks>
/// Three checks, after libinjection's XSS detection and OWASP CRS 941: script fragments anywhere (script tags,
/// javascript: URLs, alert(), document.cookie...); each tag the value opens, judged by its name (script, iframe,
/// svg...) and its attributes (event handlers, script-bearing URLs and styles); and an event handler attribute
/// written after a quote, which breaks out of an attribute the application is writing.
/// </remarks>
public static class CrossSiteScriptingDetector
{
    // What a plain value (PlainValue) can hold of the two substring lists below. A plain value has no '<' (so no
    // tag) and no '=' (so no event handler), and its compacted form is itself without spaces: unless it holds one
    // of these, no check can match it.
    internal static readonly string[] PlainSignatureList =
        PlainValue.Subset([.. HtmlVocabulary.ScriptFragmentSignatures, .. HtmlVocabulary.ObfuscationMarkerSignatures]);

    private static readonly SearchValues<string> PlainSignatures = SearchValues.Create(PlainSignatureList, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="value"/> looks like cross-site scripting (WAFv2 XssMatchStatement).</summary>
    public static bool IsCrossSiteScripting(ReadOnlySpan<char> value) => IsCrossSiteScripting(value, PlainValue.ShapeOf(value));

    /// <summary><see cref="IsCrossSiteScripting(ReadOnlySpan{char})"/> for a value whose shape is known.</summary>
    internal static bool IsCrossSiteScripting(ReadOnlySpan<char> value, ValueShape shape) =>
        shape switch
        {
            ValueShape.Other => true,
            ValueShape.Plain => value.ContainsAny(PlainSignatures),
            _ => false,
        } && IsCrossSiteScriptingUnfiltered(value);

    /// <summary>The checks themselves, without the plain-value shortcut (tests compare the two).</summary>
    internal static bool IsCrossSiteScriptingUnfiltered(ReadOnlySpan<char> value)
    {
        if (value.ContainsAny(HtmlVocabulary.ScriptFragments))
        {
            return true;
        }
        if (value.ContainsAny(HtmlVocabulary.ObfuscationMarkers) && IsCompactedScript(value))
        {
            return true;
        }
        var open = value.IndexOf('<');
        while (open >= 0)
        {
            if (IsDangerousTag(value[(open + 1)..]))
            {
                return true;
            }
            var next = value[(open + 1)..].IndexOf('<');
            open = next < 0 ? -1 : open + 1 + next;
        }
        // An event handler attribute needs its '='; most values have none and skip the scan for "on".
        return value.Contains('=') && HasEventHandlerAttribute(value, outsideTag: true);
    }

    // Browsers ignore white space, control characters and HTML5 named characters such as &Tab; and &NewLine;
    // inside a URL scheme or a tag name (ja&Tab;vascript:, < s c r i p t, document /**/ . cookie). Removing them
    // and comments, then searching again, finds what the obfuscation hides.
    private static bool IsCompactedScript(ReadOnlySpan<char> value)
    {
        const int MaxCompacted = 4096;
        Span<char> buffer = stackalloc char[Math.Min(value.Length, MaxCompacted)];
        var length = 0;
        for (var i = 0; i < value.Length && length < buffer.Length; i++)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                continue;
            }
            if (c == '/' && i + 1 < value.Length && value[i + 1] == '*')
            {
                var close = value[(i + 2)..].IndexOf("*/", StringComparison.Ordinal);
                i = close < 0 ? value.Length : i + 2 + close + 1;
                continue;
            }
            if (c == '&')
            {
                var rest = value[i..];
                var skipped = HtmlVocabulary.InvisibleEntityLength(rest);
                if (skipped > 0)
                {
                    i += skipped - 1;
                    continue;
                }
                if (rest.StartsWith("&colon;", StringComparison.OrdinalIgnoreCase))
                {
                    buffer[length++] = ':';
                    i += "&colon;".Length - 1;
                    continue;
                }
                if (rest.StartsWith("&lpar;", StringComparison.OrdinalIgnoreCase))
                {
                    buffer[length++] = '(';
                    i += "&lpar;".Length - 1;
                    continue;
                }
            }
            buffer[length++] = c;
        }
        var compacted = buffer[..length];
        if (compacted.ContainsAny(HtmlVocabulary.ScriptFragments) || compacted.ContainsAny(HtmlVocabulary.CompactedFragments))
        {
            return true;
        }
        var open = compacted.IndexOf('<');
        while (open >= 0)
        {
            var tag = compacted[(open + 1)..];
            var nameEnd = 0;
            while (nameEnd < tag.Length && (char.IsAsciiLetter(tag[nameEnd]) || tag[nameEnd] == ':'))
            {
                nameEnd++;
            }
            var name = tag[..nameEnd];
            var colon = name.LastIndexOf(':');
            if (HtmlVocabulary.IsActiveTag(colon >= 0 ? name[(colon + 1)..] : name) || name.Equals("form", StringComparison.OrdinalIgnoreCase)
                || name.Equals("dialog", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            var next = tag.IndexOf('<');
            open = next < 0 ? -1 : open + 1 + next;
        }
        return false;
    }

    // Judges the markup after a '<': the element's name, then its attributes up to the closing '>'.
    private static bool IsDangerousTag(ReadOnlySpan<char> tag)
    {
        var i = 0;
        if (i < tag.Length && tag[i] == '/')
        {
            i++;
        }
        var nameStart = i;
        while (i < tag.Length && (char.IsAsciiLetterOrDigit(tag[i]) || tag[i] is ':' or '-' or '_'))
        {
            i++;
        }
        var name = tag[nameStart..i];
        if (name.IsEmpty || !char.IsAsciiLetter(name[0]))
        {
            // <!-- -->, <!DOCTYPE, <?xml: only active when they carry script, which the attribute scan below finds.
            return !tag.IsEmpty && tag[0] is '!' or '?' && Attributes(tag).ContainsAny(HtmlVocabulary.ActiveContent);
        }
        var colon = name.IndexOf(':');
        var localName = colon >= 0 ? name[(colon + 1)..] : name;
        if (HtmlVocabulary.IsActiveTag(localName))
        {
            return true;
        }
        var attributes = Attributes(tag[i..]);
        if (attributes.IsEmpty)
        {
            return false;
        }
        return attributes.ContainsAny(HtmlVocabulary.ActiveContent) || HasEventHandlerAttribute(attributes, outsideTag: false)
            || (HtmlVocabulary.IsKnownTag(localName) && attributes.Contains('='));
    }

    private static ReadOnlySpan<char> Attributes(ReadOnlySpan<char> tag)
    {
        var close = tag.IndexOf('>');
        return close < 0 ? tag : tag[..close];
    }

    // on<letters> = ..., where the name follows whitespace, '/', or a quote: <x/onload=..., " onfocus="...
    // Outside a tag the name must be a real DOM event and the text must break out of an attribute or call script,
    // so "online=true" and "onion = 3" stay innocent.
    private static bool HasEventHandlerAttribute(ReadOnlySpan<char> s, bool outsideTag)
    {
        var at = 0;
        while (true)
        {
            var found = s[at..].IndexOf("on", StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }
            var start = at + found;
            at = start + 2;
            if (start > 0 && !IsAttributeDelimiter(s[start - 1]))
            {
                continue;
            }
            var end = at;
            while (end < s.Length && char.IsAsciiLetter(s[end]))
            {
                end++;
            }
            if (!HtmlVocabulary.IsEventHandler(s[start..end]) || (outsideTag && !HtmlVocabulary.IsDomEvent(s[(start + 2)..end])))
            {
                continue;
            }
            while (end < s.Length && char.IsWhiteSpace(s[end]))
            {
                end++;
            }
            if (end < s.Length && s[end] == '=' && (!outsideTag || s[..start].IndexOfAny("\"'<>/`") >= 0 || s[end..].IndexOfAny("(`") >= 0))
            {
                return true;
            }
        }
    }

    private static bool IsAttributeDelimiter(char c) => char.IsWhiteSpace(c) || c is '/' or '"' or '\'' or '`' or ';' or '\0';
}

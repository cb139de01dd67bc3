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
    /// <summary>True when <paramref name="value"/> looks like cross-site scripting (WAFv2 XssMatchStatement).</summary>
    public static bool IsCrossSiteScripting(ReadOnlySpan<char> value)
    {
        if (value.ContainsAny(HtmlVocabulary.ScriptFragments))
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
        return HasEventHandlerAttribute(value, outsideTag: true);
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

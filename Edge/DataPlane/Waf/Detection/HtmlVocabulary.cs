using System.Buffers;
using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>The HTML and script vocabulary the cross-site scripting check judges markup with (after libinjection's XSS blacklists and OWASP CRS 941).</summary>
internal static class HtmlVocabulary
{
    // Elements that run script, load active content or rewrite the page just by being there.
    private static readonly FrozenSet<string> DangerousTags = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "style", "svg", "math",
        "xml", "import", "vmlframe", "isindex", "layer", "ilayer", "bgsound", "link", "xss", "handler", "portal",
        "template", "form", "animate", "set", "animatetransform", "animatemotion", "foreignobject", "listener",
        "xmp", "noscript", "noembed", "plaintext", "comment", "textarea", "title", "image", "video", "audio",
        "source", "keygen", "marquee", "details", "dialog", "html", "body", "head", "event-source", "x", "a", "img",
        "input", "button", "select", "option", "table", "td", "div", "span", "p", "b", "i", "u", "br", "hr", "h1",
        "ul", "li", "embed", "param", "track", "canvas", "map", "area", "picture", "slot", "xmp");

    // Elements dangerous with no attribute at all.
    private static readonly FrozenSet<string> ActiveTags = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "style", "svg", "math",
        "xml", "import", "vmlframe", "isindex", "layer", "ilayer", "bgsound", "link", "xss", "handler", "portal",
        "animate", "set", "listener", "event-source", "foreignobject", "plaintext");

    /// <summary>Script-bearing URL schemes and CSS constructs that run script inside an attribute or a style.</summary>
    public static readonly SearchValues<string> ActiveContent = SearchValues.Create(
        [
            "javascript:", "vbscript:", "livescript:", "mocha:", "data:text/html", "data:image/svg", "data:application/",
            "expression(", "-moz-binding", "behavior:", "behaviour:", "url(javascript", "url('javascript",
            "url(\"javascript", "@import", "mhtml:", "jar:", "ms-its:", "res://", "x-schema:", "srcdoc=",
        ],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Script sinks and fragments that appear in injected script whether or not markup surrounds it.</summary>
    internal static readonly string[] ScriptFragmentSignatures =
        [
            "<script", "</script", "alert(", "alert`", "prompt(", "prompt`", "confirm(", "confirm`", "document.cookie",
            "document.write", "document.domain", "document.location", "window.location", "location.href", "fromcharcode",
            ".innerhtml", ".outerhtml", "eval(", "settimeout(", "setinterval(", "new function", "top[", "self[",
            "window[", "parent[", "frames[", "this[", "constructor.constructor", "__definegetter__", "__definesetter__",
            "document[", "location=", "location =", "location.hash", "atob(", "import(", "javascript:", "vbscript:",
            "alert&lpar;", "alert&#", ".source", "xmlhttprequest", "fetch(", "navigator.", "onerror=", "onload=",
            "%3cscript", "&lt;script", "\\x3cscript", "\\u003cscript", "<![cdata[", "data:text/html", "expression(",
            "-moz-binding", "url(javascript", "livescript:", "<!entity", "<?import", "<?xml:namespace", "<xsl:", "<svg:",
            "datasrc=", "dataformatas=", "expression\\28", "xi:include", "xmltype(",
        ];

    /// <summary><see cref="ScriptFragmentSignatures"/> as one case-insensitive search.</summary>
    public static readonly SearchValues<string> ScriptFragments = SearchValues.Create(ScriptFragmentSignatures, StringComparison.OrdinalIgnoreCase);

    // DOM event names (without "on"), for event handlers written outside a tag.
    private static readonly FrozenSet<string> DomEvents = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "abort", "afterprint", "animationend", "animationiteration", "animationstart", "auxclick", "beforecopy",
        "beforecut", "beforeinput", "beforepaste", "beforeprint", "beforetoggle", "beforeunload", "begin", "blur",
        "bounce", "canplay", "canplaythrough", "change", "click", "close", "contextmenu", "copy", "cuechange", "cut",
        "dblclick", "drag", "dragend", "dragenter", "dragleave", "dragover", "dragstart", "drop", "durationchange",
        "emptied", "end", "ended", "error", "finish", "focus", "focusin", "focusout", "formdata", "fullscreenchange",
        "gotpointercapture", "hashchange", "help", "input", "invalid", "keydown", "keypress", "keyup", "load",
        "loadeddata", "loadedmetadata", "loadend", "loadstart", "lostpointercapture", "message", "mousedown",
        "mouseenter", "mouseleave", "mousemove", "mouseout", "mouseover", "mouseup", "mousewheel", "offline", "online",
        "open", "pagehide", "pageshow", "paste", "pause", "play", "playing", "pointercancel", "pointerdown",
        "pointerenter", "pointerleave", "pointermove", "pointerout", "pointerover", "pointerrawupdate", "pointerup",
        "popstate", "progress", "propertychange", "ratechange", "readystatechange", "repeat", "reset", "resize",
        "scroll", "scrollend", "search", "securitypolicyviolation", "seeked", "seeking", "select", "selectionchange",
        "selectstart", "show", "slotchange", "stalled", "start", "storage", "submit", "suspend", "timeupdate", "toggle",
        "touchcancel", "touchend", "touchmove", "touchstart", "transitioncancel", "transitionend", "transitionrun",
        "transitionstart", "unload", "volumechange", "waiting", "webkitanimationend", "webkitanimationiteration",
        "webkitanimationstart", "webkittransitionend", "wheel", "activate", "beforeactivate", "beforedeactivate",
        "deactivate", "filterchange", "losecapture", "move", "moveend", "movestart", "rowenter", "rowexit",
        "contentvisibilityautostatechange", "pagereveal", "pageswap", "mozfullscreenchange", "webkitfullscreenchange");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DomEventLookup =
        DomEvents.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when <paramref name="name"/> (without "on") is a DOM event.</summary>
    public static bool IsDomEvent(ReadOnlySpan<char> name) => DomEventLookup.Contains(name);

    /// <summary>Signs that a value hides markup or script: spacing, HTML5 named characters, comments, a lone '&lt;'.</summary>
    internal static readonly string[] ObfuscationMarkerSignatures =
        ["&tab;", "&newline;", "&colon;", "&lpar;", "/*", "< ", "<\t", "document", "script", "t :", "\t", "\n", "\r", "\0", "&#"];

    /// <summary><see cref="ObfuscationMarkerSignatures"/> as one case-insensitive search.</summary>
    public static readonly SearchValues<string> ObfuscationMarkers = SearchValues.Create(ObfuscationMarkerSignatures, StringComparison.OrdinalIgnoreCase);

    /// <summary>What the compacted form of an obfuscated value gives away (after white space and comments are removed).</summary>
    public static readonly SearchValues<string> CompactedFragments = SearchValues.Create(
        ["document.cookie", "document[", "(document)", "self[", "<!entity", "xi:include", "<!doctype", "xmltype(",
            "<?import", "<importimplementation", ".textcontent=", ".appendchild(", "<:vmlframe", ".call`", "[][", "(![]"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly string[] InvisibleEntities = ["&tab;", "&newline;", "&nbsp;", "&#9;", "&#10;", "&#13;", "&#x9;", "&#xa;", "&#xd;", "&#x09;", "&#x0a;", "&#x0d;", "&zwj;", "&zwnj;", "&shy;"];

    /// <summary>The length of the invisible character reference <paramref name="text"/> starts with, or 0.</summary>
    public static int InvisibleEntityLength(ReadOnlySpan<char> text)
    {
        foreach (var entity in InvisibleEntities)
        {
            if (text.StartsWith(entity, StringComparison.OrdinalIgnoreCase))
            {
                return entity.Length;
            }
        }
        return 0;
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownTagLookup =
        DangerousTags.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ActiveTagLookup =
        ActiveTags.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when <paramref name="name"/> is an HTML element name the check knows.</summary>
    public static bool IsKnownTag(ReadOnlySpan<char> name) => KnownTagLookup.Contains(name);

    /// <summary>True when <paramref name="name"/> is an element that is dangerous with no attribute.</summary>
    public static bool IsActiveTag(ReadOnlySpan<char> name) => ActiveTagLookup.Contains(name);

    /// <summary>True when <paramref name="name"/> is an event handler attribute (onload, onerror, onmouseover...).</summary>
    public static bool IsEventHandler(ReadOnlySpan<char> name) =>
        name.Length > 4 && name.StartsWith("on", StringComparison.OrdinalIgnoreCase) && IsLetters(name[2..]);

    private static bool IsLetters(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }
        return true;
    }
}

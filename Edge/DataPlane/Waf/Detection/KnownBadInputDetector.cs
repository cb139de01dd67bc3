using System.Buffers;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects a known bad input (Log4j JNDI lookups, Spring4Shell, and the like) in a value the WAF has already transformed.</summary>
/// <remarks>
/// Log4j lookups are judged after <see cref="Log4jLookupResolver"/> has evaluated the nested lookups attackers
/// use to hide the word <c>jndi</c> (<c>${${lower:j}ndi:</c>, <c>${::-j}</c>, <c>${env:X:-j}</c>). The rest is one
/// multi-string search for payloads of known exploits: Spring4Shell's class loader path, Java serialized
/// objects, PHP stream wrappers, Java runtime calls from expression languages.
/// </remarks>
public static class KnownBadInputDetector
{
    internal static readonly string[] SignatureList =
        [
            "class.module.classloader", "class.classloader", "classloader.resources", ".getclass().", "class%2emodule",
            "java.lang.runtime", "java.lang.processbuilder", "java.lang.system", "getruntime().exec", "processbuilder(",
            "javax.script.scriptenginemanager", "java.net.url", "java.io.file", "jdk.jshell",
            "ro0ab", "aced0005", "h4sia", "php://", "phar://", "expect://", "zip://", "glob://", "data://text/plain",
            "zlib://", "ogg://", "rar://", "ssh2.shell://", "file:///", "<?php", "<?=", "@java.lang", "@ognl",
            "#_memberaccess", "#context[", "ognlcontext", "xwork.methodaccessor", "new java.", "t(java.", "${script:",
            "${jndi", "%24%7bjndi", "ldap://", "rmi://", "ldaps://", "iiop://", "corba://", "nds://", "nis://",
        ];

    private static readonly SearchValues<string> Signatures = SearchValues.Create(SignatureList, StringComparison.OrdinalIgnoreCase);

    // What a plain value (PlainValue) can hold: a lookup needs "${", the serialization header is not ASCII.
    internal static readonly string[] PlainSignatureList = PlainValue.Subset(SignatureList);

    private static readonly SearchValues<string> PlainSignatures = SearchValues.Create(PlainSignatureList, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="value"/> looks like a known bad input (Log4j JNDI lookups, Spring4Shell, and the like).</summary>
    public static bool IsKnownBadInput(ReadOnlySpan<char> value) => IsKnownBadInput(value, PlainValue.ShapeOf(value));

    /// <summary><see cref="IsKnownBadInput(ReadOnlySpan{char})"/> for a value whose shape is known.</summary>
    internal static bool IsKnownBadInput(ReadOnlySpan<char> value, ValueShape shape) => shape switch
    {
        ValueShape.Other => IsKnownBadInputUnfiltered(value),
        ValueShape.Plain => value.ContainsAny(PlainSignatures),
        _ => false,
    };

    /// <summary>The checks themselves, without the plain-value shortcut (tests compare the two).</summary>
    internal static bool IsKnownBadInputUnfiltered(ReadOnlySpan<char> value) =>
        value.ContainsAny(Signatures) || Log4jLookupResolver.HasJndiLookup(value)
        || value.Contains("\u00ac\u00ed\u0000\u0005", StringComparison.Ordinal); // a raw Java serialization stream header
}

using OrleansGateway.Edge.DataPlane.Waf.Detection;
using OrleansGateway.Edge.DataPlane.Waf.Fields;
using OrleansGateway.Edge.DataPlane.Waf.Transformations;

namespace OrleansGateway.Edge.DataPlane.Waf.Managed;

/// <summary>
/// The managed core rule group (<c>VendorName</c> "OrleansGateway", <c>Name</c> "CoreRuleSet"):
/// SQL injection, cross-site scripting, path traversal, command injection, known bad inputs
/// (Log4j JNDI lookups and the like) and bad bots, each applied to the parts of the request
/// attackers use. The AWS managed group names map to the matching subsets so a web ACL written
/// for AWS WAF compiles unchanged.
/// </summary>
internal static class CoreRuleSet
{
    /// <summary>Our vendor name.</summary>
    public const string Vendor = "OrleansGateway";

    /// <summary>Our group name (all the rules).</summary>
    public const string Name = "CoreRuleSet";

    private const string Common = "AWSManagedRulesCommonRuleSet";
    private const string Sqli = "AWSManagedRulesSQLiRuleSet";
    private const string KnownBadInputs = "AWSManagedRulesKnownBadInputsRuleSet";
    private const string Unix = "AWSManagedRulesUnixRuleSet";

    /// <summary>
    /// URL-decoded twice (double encoding hides payloads from a single decode), HTML entities
    /// decoded, white space compressed, lowercased: what the detectors expect.
    /// </summary>
    private static readonly TextTransformationType[] Decoded =
    [
        TextTransformationType.UrlDecodeUni, TextTransformationType.UrlDecodeUni, TextTransformationType.HtmlEntityDecode,
        TextTransformationType.CompressWhiteSpace, TextTransformationType.Lowercase,
    ];

    /// <summary>
    /// For path traversal the path is decoded but deliberately not normalised: normalising would
    /// remove the "../" the detector looks for.
    /// </summary>
    private static readonly TextTransformationType[] DecodedPath =
    [
        TextTransformationType.UrlDecodeUni, TextTransformationType.UrlDecodeUni, TextTransformationType.HtmlEntityDecode, TextTransformationType.Lowercase,
    ];

    private static readonly TextTransformationType[] Lowercased = [TextTransformationType.Lowercase];

    private static readonly WafField UriPath = WafField.Simple(FieldKind.UriPath);
    private static readonly WafField QueryArguments = WafField.Simple(FieldKind.AllQueryArguments);
    private static readonly WafField QueryString = WafField.Simple(FieldKind.QueryString);
    private static readonly WafField Body = WafField.Simple(FieldKind.BodyValues);
    private static readonly WafField CookieValues = WafField.Simple(FieldKind.Cookies);
    private static readonly WafField UserAgent = WafField.Simple(FieldKind.SingleHeader, "User-Agent");
    private static readonly WafField Referer = WafField.Simple(FieldKind.SingleHeader, "Referer");
    private static readonly WafField AllHeaderValues = WafField.Simple(FieldKind.Headers);

    /// <summary>The rules in evaluation order.</summary>
    public static IReadOnlyList<CoreRule> Rules { get; } =
    [
        new("UserAgent_BadBots_HEADER", UserAgent, Lowercased, static (value, _) => BadBotDetector.IsBadBot(value), Common),
        new("Log4JRCE_HEADER", AllHeaderValues, Decoded, KnownBadInputDetector.IsKnownBadInput, KnownBadInputs),
        new("Log4JRCE_QUERYSTRING", QueryString, Decoded, KnownBadInputDetector.IsKnownBadInput, KnownBadInputs),
        new("Log4JRCE_URIPATH", UriPath, DecodedPath, KnownBadInputDetector.IsKnownBadInput, KnownBadInputs),
        new("Log4JRCE_BODY", Body, Decoded, KnownBadInputDetector.IsKnownBadInput, KnownBadInputs),
        new("SQLi_QUERYARGUMENTS", QueryArguments, Decoded, IsSqlInjection, Sqli),
        new("SQLi_BODY", Body, Decoded, IsSqlInjection, Sqli),
        new("SQLi_COOKIE", CookieValues, Decoded, IsSqlInjection, Sqli),
        new("SQLi_URIPATH", UriPath, DecodedPath, IsSqlInjection, Sqli),
        new("CrossSiteScripting_QUERYARGUMENTS", QueryArguments, Decoded, CrossSiteScriptingDetector.IsCrossSiteScripting, Common),
        new("CrossSiteScripting_BODY", Body, Decoded, CrossSiteScriptingDetector.IsCrossSiteScripting, Common),
        new("CrossSiteScripting_COOKIE", CookieValues, Decoded, CrossSiteScriptingDetector.IsCrossSiteScripting, Common),
        new("CrossSiteScripting_URIPATH", UriPath, DecodedPath, CrossSiteScriptingDetector.IsCrossSiteScripting, Common),
        new("CrossSiteScripting_REFERER", Referer, Decoded, CrossSiteScriptingDetector.IsCrossSiteScripting, Common),
        new("GenericLFI_QUERYARGUMENTS", QueryArguments, DecodedPath, PathTraversalDetector.IsPathTraversal, Common),
        new("GenericLFI_URIPATH", UriPath, DecodedPath, PathTraversalDetector.IsPathTraversal, Common),
        new("GenericLFI_BODY", Body, DecodedPath, PathTraversalDetector.IsPathTraversal, Common),
        new("CommandInjection_QUERYARGUMENTS", QueryArguments, Decoded, CommandInjectionDetector.IsCommandInjection, Unix),
        new("CommandInjection_BODY", Body, Decoded, CommandInjectionDetector.IsCommandInjection, Unix),
        new("CommandInjection_COOKIE", CookieValues, Decoded, CommandInjectionDetector.IsCommandInjection, Unix),
    ];

    /// <summary>The rules of the managed group <paramref name="vendor"/>/<paramref name="name"/>, or null when it is not one we provide.</summary>
    public static IReadOnlyList<CoreRule>? Group(string vendor, string name)
    {
        if (vendor == Vendor && name == Name)
        {
            return Rules;
        }
        if (vendor == "AWS" && name is Common or Sqli or KnownBadInputs or Unix)
        {
            return Rules.Where(rule => rule.Subset == name).ToArray();
        }
        return null;
    }

    // Low sensitivity: the core group must stay under 1% false positives on benign traffic;
    // a SqliMatchStatement with SensitivityLevel HIGH is there for stricter APIs.
    private static bool IsSqlInjection(ReadOnlySpan<char> value, ValueShape shape) => SqlInjectionDetector.IsSqlInjection(value, shape, highSensitivity: false);
}

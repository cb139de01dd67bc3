namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>Bounds on what a web ACL may contain, so a hostile definition cannot exhaust the edge.</summary>
public sealed record WafCompileOptions
{
    /// <summary>The defaults.</summary>
    public static WafCompileOptions Default { get; } = new();

    /// <summary>Rules per web ACL or rule group (WAFv2 bounds them by capacity units; this is the count).</summary>
    public int MaxRules { get; init; } = 100;

    /// <summary>How deeply And/Or/Not/scope-down statements may nest.</summary>
    public int MaxNestingDepth { get; init; } = 10;

    /// <summary>Longest regex accepted (WAFv2's RegexString limit).</summary>
    public int MaxRegexLength { get; init; } = 512;

    /// <summary>Longest byte-match search string (WAFv2's limit).</summary>
    public int MaxSearchStringLength { get; init; } = 200;

    /// <summary>Timeout per regex match, a second line of defence behind the non-backtracking engine.</summary>
    public TimeSpan RegexMatchTimeout { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Account id for the labels rules add (<c>awswaf:{account}:webacl:{name}:{label}</c>).</summary>
    public string AccountId { get; init; } = "000000000000";
}

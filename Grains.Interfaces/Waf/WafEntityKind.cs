namespace OrleansGateway.Grains.Interfaces.Waf;

/// <summary>The kinds of WAFv2 entity the gateway manages; the value names the ARN segment.</summary>
[GenerateSerializer, Alias("og.WafEntityKind")]
public enum WafEntityKind
{
    /// <summary>A web ACL (<c>regional/webacl/…</c>).</summary>
    WebAcl = 0,

    /// <summary>An IP set (<c>regional/ipset/…</c>).</summary>
    IpSet = 1,

    /// <summary>A regex pattern set (<c>regional/regexpatternset/…</c>).</summary>
    RegexPatternSet = 2,

    /// <summary>A rule group (<c>regional/rulegroup/…</c>).</summary>
    RuleGroup = 3,
}

namespace OrleansGateway.Grains.Interfaces.Waf;

/// <summary>The bounds the WAF API enforces (AWS WAF's default quotas where it has one).</summary>
public static class WafLimits
{
    /// <summary>Web ACLs per account and region.</summary>
    public const int MaxWebAcls = 100;

    /// <summary>IP sets per account and region.</summary>
    public const int MaxIpSets = 100;

    /// <summary>Regex pattern sets per account and region.</summary>
    public const int MaxRegexPatternSets = 10;

    /// <summary>Rule groups per account and region.</summary>
    public const int MaxRuleGroups = 100;

    /// <summary>Addresses in one IP set.</summary>
    public const int MaxAddressesPerIpSet = 10_000;

    /// <summary>Regular expressions in one regex pattern set.</summary>
    public const int MaxRegexesPerSet = 10;

    /// <summary>Characters in one regular expression.</summary>
    public const int MaxRegexLength = 200;

    /// <summary>Rules in one web ACL or rule group (WAF bounds capacity units instead; this keeps evaluation cheap).</summary>
    public const int MaxRules = 100;

    /// <summary>How deep And/Or/Not statements may nest.</summary>
    public const int MaxStatementDepth = 10;

    /// <summary>Bytes of one WAF API call's body.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    /// <summary>Stages associated with web ACLs.</summary>
    public const int MaxAssociations = 10_000;
}

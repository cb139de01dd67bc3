using System.Text.Json;

namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>
/// Resolves the ARNs a web ACL's statements reference (IP sets, regex pattern sets, rule groups)
/// to their current contents; implemented from the cluster's WAF state.
/// </summary>
public interface IWafReferences
{
    /// <summary>The IP set's CIDR addresses (<c>Addresses</c>), or null when there is no such set.</summary>
    IReadOnlyList<string>? IpSetAddresses(string arn);

    /// <summary>The regex pattern set's regexes (<c>RegularExpressionList[].RegexString</c>), or null when there is no such set.</summary>
    IReadOnlyList<string>? RegexPatterns(string arn);

    /// <summary>The rule group's <c>Rules</c> array as WAFv2 returns it, or null when there is no such group.</summary>
    JsonElement? RuleGroupRules(string arn);
}

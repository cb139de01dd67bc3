namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>
/// A rate-based rule as counted: which web ACL and rule it is (the counter's key), its limit and
/// the window the limit applies to (WAFv2's <c>EvaluationWindowSec</c>, 300 s by default).
/// </summary>
/// <param name="WebAclArn">The web ACL's ARN (or the rule group's ARN for a rule inside a group).</param>
/// <param name="RuleName">The rule's name within it.</param>
/// <param name="Limit">Requests allowed per key per window.</param>
/// <param name="EvaluationWindow">The sliding window the limit applies to.</param>
public sealed record WafRateRule(string WebAclArn, string RuleName, long Limit, TimeSpan EvaluationWindow);

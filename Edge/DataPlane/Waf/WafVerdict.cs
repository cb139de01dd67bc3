namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>The outcome of a web ACL for one request.</summary>
/// <param name="Action">Allow or Block (Count is never terminal).</param>
/// <param name="RuleName">The terminating rule, or null when the default action applied.</param>
/// <param name="CustomResponse">A Block's custom response, if it has one.</param>
public readonly record struct WafVerdict(WafActionKind Action, string? RuleName, WafCustomResponse? CustomResponse);

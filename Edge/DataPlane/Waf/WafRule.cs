using OrleansGateway.Edge.DataPlane.Waf.Statements;

namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>
/// One compiled rule. A rule group (managed or referenced) is flattened at compile time into its
/// rules, named <c>{group rule}/{inner rule}</c>, with the reference's override action, excluded
/// rules and rule action overrides already applied, so evaluation is one loop.
/// </summary>
internal sealed record WafRule(string Name, int Priority, WafStatement Statement, WafRuleAction Action, string[] Labels);

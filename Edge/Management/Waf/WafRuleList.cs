using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>
/// The structural checks on a web ACL's or rule group's <c>Rules</c> that do not need the rule
/// engine: bounds (count, nesting depth), unique names and priorities, one statement per statement
/// object, actions where WAF requires them. It also collects the ARNs the rules reference and a
/// capacity estimate. The statement semantics are checked by the engine's compiler.
/// </summary>
internal sealed class WafRuleList
{
    private static readonly HashSet<string> NestingStatements = ["AndStatement", "OrStatement", "NotStatement"];

    private readonly HashSet<string> _references = new(StringComparer.Ordinal);
    private long _capacity;

    private WafRuleList()
    {
    }

    /// <summary>The ARNs of the IP sets, regex pattern sets and rule groups referenced.</summary>
    public IReadOnlyList<string> References => _references.Order(StringComparer.Ordinal).ToList();

    /// <summary>Capacity units, estimated as one per leaf statement plus a referenced rule group's capacity.</summary>
    public long Capacity => _capacity;

    /// <summary>Checks <paramref name="rules"/> (absent = none); <paramref name="inRuleGroup"/> forbids rule group references and override actions.</summary>
    public static WafRuleList Check(JsonElement? rules, bool inRuleGroup, WafArns arns, Func<string, long> ruleGroupCapacity)
    {
        var list = new WafRuleList();
        if (rules is not { } array)
        {
            return list;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw WafException.InvalidParameter("RULE", null, "Rules must be a list");
        }
        if (array.GetArrayLength() > WafLimits.MaxRules)
        {
            throw WafException.Limits($"{WafLimits.MaxRules} rules");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var priorities = new HashSet<long>();
        foreach (var rule in array.EnumerateArray())
        {
            list.CheckRule(rule, inRuleGroup, arns, ruleGroupCapacity, names, priorities);
        }
        return list;
    }

    private void CheckRule(JsonElement rule, bool inRuleGroup, WafArns arns, Func<string, long> ruleGroupCapacity, HashSet<string> names, HashSet<long> priorities)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw WafException.InvalidParameter("RULE", null, "Each rule must be an object");
        }
        var input = new WafInput(rule);
        var name = input.Name("RULE");
        if (!names.Add(name))
        {
            throw WafException.InvalidParameter("RULE", name, "Rule names must be unique");
        }
        var priority = input.OptionalInteger("Priority", "RULE") ?? throw WafException.InvalidParameter("RULE", name, "Priority is required");
        if (priority < 0 || !priorities.Add(priority))
        {
            throw WafException.InvalidParameter("RULE", name, "Priorities must be unique non-negative integers");
        }
        if (input.Member("VisibilityConfig") is not { ValueKind: JsonValueKind.Object })
        {
            throw WafException.InvalidParameter("RULE", name, "VisibilityConfig is required");
        }
        var statement = input.Member("Statement") ?? throw WafException.InvalidParameter("STATEMENT", name, "Statement is required");
        var (statementName, _) = CheckStatement(statement, depth: 1, inRuleGroup, arns, ruleGroupCapacity);

        // A rule group (own or managed) takes OverrideAction; every other rule takes Action.
        var takesOverride = statementName is "RuleGroupReferenceStatement" or "ManagedRuleGroupStatement";
        var action = input.Member("Action");
        var overrideAction = input.Member("OverrideAction");
        if (takesOverride ? overrideAction is null || action is not null : action is null || overrideAction is not null)
        {
            throw WafException.InvalidParameter(takesOverride ? "OVERRIDE_ACTION" : "RULE_ACTION", name,
                takesOverride ? "A rule group statement needs OverrideAction and no Action" : "A rule needs Action and no OverrideAction");
        }
        CheckSingleChoice(takesOverride ? overrideAction!.Value : action!.Value, takesOverride ? "OVERRIDE_ACTION" : "RULE_ACTION", name);
    }

    private (string Name, JsonElement Body) CheckStatement(JsonElement statement, int depth, bool inRuleGroup, WafArns arns, Func<string, long> ruleGroupCapacity)
    {
        if (depth > WafLimits.MaxStatementDepth)
        {
            throw WafException.Limits($"statements nested {WafLimits.MaxStatementDepth} deep");
        }
        var (name, body) = CheckSingleChoice(statement, "STATEMENT", null);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw WafException.InvalidParameter("STATEMENT", name, "A statement's body must be an object");
        }
        switch (name)
        {
            case "AndStatement" or "OrStatement":
                if (!body.TryGetProperty("Statements", out var statements) || statements.ValueKind != JsonValueKind.Array || statements.GetArrayLength() < 2)
                {
                    throw WafException.InvalidParameter(name == "AndStatement" ? "AND_STATEMENT" : "OR_STATEMENT", null, "Statements must list at least two statements");
                }
                foreach (var inner in statements.EnumerateArray())
                {
                    CheckStatement(inner, depth + 1, inRuleGroup, arns, ruleGroupCapacity);
                }
                break;
            case "NotStatement":
                CheckStatement(body.TryGetProperty("Statement", out var negated) ? negated : default, depth + 1, inRuleGroup, arns, ruleGroupCapacity);
                break;
            case "RateBasedStatement":
                _capacity += 2;
                if (body.TryGetProperty("ScopeDownStatement", out var scopeDown))
                {
                    CheckStatement(scopeDown, depth + 1, inRuleGroup, arns, ruleGroupCapacity);
                }
                break;
            case "IPSetReferenceStatement":
                AddReference(body, "ipset", "IP_SET_REFERENCE_STATEMENT", arns);
                _capacity += 1;
                break;
            case "RegexPatternSetReferenceStatement":
                AddReference(body, "regexpatternset", "REGEX_PATTERN_REFERENCE_STATEMENT", arns);
                _capacity += 25;
                break;
            case "RuleGroupReferenceStatement":
                if (inRuleGroup)
                {
                    throw WafException.InvalidParameter("RULE_GROUP_REFERENCE_STATEMENT", null, "A rule group cannot reference another rule group");
                }
                if (depth > 1)
                {
                    throw WafException.InvalidParameter("RULE_GROUP_REFERENCE_STATEMENT", null, "A rule group reference must be a rule's top-level statement");
                }
                _capacity += ruleGroupCapacity(AddReference(body, "rulegroup", "RULE_GROUP_REFERENCE_STATEMENT", arns));
                break;
            case "ManagedRuleGroupStatement":
                if (inRuleGroup || depth > 1)
                {
                    throw WafException.InvalidParameter("MANAGED_RULE_SET_STATEMENT", null, "A managed rule group must be a web ACL rule's top-level statement");
                }
                _capacity += 700;
                break;
            default:
                _capacity += NestingStatements.Contains(name) ? 0 : 1;
                break;
        }
        return (name, body);
    }

    private string AddReference(JsonElement body, string segment, string field, WafArns arns)
    {
        var arn = new WafInput(body).RequiredString("ARN", field);
        if (!arns.IsEntity(arn, segment))
        {
            throw WafException.InvalidParameter(field, arn, $"ARN must name a {segment} in this account and region");
        }
        _references.Add(arn);
        return arn;
    }

    /// <summary>A union member (a statement, an action): an object with exactly one member.</summary>
    private static (string Name, JsonElement Value) CheckSingleChoice(JsonElement union, string field, string? parameter)
    {
        if (union.ValueKind == JsonValueKind.Object)
        {
            using var members = union.EnumerateObject();
            if (members.MoveNext())
            {
                var first = members.Current;
                if (!members.MoveNext())
                {
                    return (first.Name, first.Value);
                }
            }
        }
        throw WafException.InvalidParameter(field, parameter, "Exactly one member must be set");
    }
}

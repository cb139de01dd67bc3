using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>
/// A web ACL compiled by <see cref="WebAclCompiler"/>: immutable, shared by every request on every
/// thread. Rules run in priority order; Allow and Block end evaluation, Count goes on; when no
/// rule ends it the default action applies.
/// </summary>
public sealed class CompiledWebAcl
{
    internal CompiledWebAcl(string name, string id, string arn, WafRuleAction defaultAction, WafRule[] rules, int slotCount, int rawSlotCount, bool inspectsBody)
    {
        Name = name;
        Id = id;
        Arn = arn;
        DefaultAction = defaultAction;
        Rules = rules;
        SlotCount = slotCount;
        RawSlotCount = rawSlotCount;
        InspectsBody = inspectsBody;
    }

    /// <summary>The web ACL's name (the <c>web_acl</c> tag of the <c>waf.matches</c> metric).</summary>
    public string Name { get; }

    /// <summary>The web ACL's id.</summary>
    public string Id { get; }

    /// <summary>The web ACL's ARN.</summary>
    public string Arn { get; }

    /// <summary>What happens to a request no terminating rule matched.</summary>
    public WafRuleAction DefaultAction { get; }

    /// <summary>The names of the compiled rules in evaluation order (rule group rules as <c>{group}/{rule}</c>).</summary>
    public IEnumerable<string> RuleNames => Rules.Select(rule => rule.Name);

    /// <summary>True when some rule inspects the body, so the edge must buffer its first bytes.</summary>
    public bool InspectsBody { get; }

    internal WafRule[] Rules { get; }

    /// <summary>How many distinct (field, transformation chain) pairs the rules inspect.</summary>
    internal int SlotCount { get; }

    /// <summary>How many distinct fields the rules inspect.</summary>
    internal int RawSlotCount { get; }

    /// <summary>Evaluates the rules against <paramref name="request"/>; Count matches are left in <see cref="WafRequest.CountedRules"/>.</summary>
    internal WafVerdict Evaluate(WafRequest request)
    {
        foreach (var rule in Rules)
        {
            if (!rule.Statement.Matches(request))
            {
                continue;
            }
            foreach (var label in rule.Labels)
            {
                request.AddLabel(label);
            }
            switch (rule.Action.Kind)
            {
                case WafActionKind.Count:
                    request.RecordCount(rule.Name);
                    break;
                case WafActionKind.Allow:
                    return new WafVerdict(WafActionKind.Allow, rule.Name, null);
                default:
                    return new WafVerdict(WafActionKind.Block, rule.Name, rule.Action.CustomResponse);
            }
        }
        return new WafVerdict(DefaultAction.Kind, null, DefaultAction.CustomResponse);
    }
}

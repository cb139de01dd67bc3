using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>Rule groups: a fixed capacity set at creation, visibility settings and rules.</summary>
internal sealed class RuleGroupShape : WafEntityShape
{
    public override WafEntityKind Kind => WafEntityKind.RuleGroup;

    public override string Noun => "RuleGroup";

    public override string Field => "RULE_GROUP";

    protected override IReadOnlyList<string> CreateMembers { get; } = ["Capacity", "VisibilityConfig", "Rules", "CustomResponseBodies"];

    protected override IReadOnlyList<string> UpdateMembers { get; } = ["VisibilityConfig", "Rules", "CustomResponseBodies"];

    protected override IReadOnlyList<string> KeptOnUpdate { get; } = ["Capacity"];

    protected override (IReadOnlyList<string> References, long Capacity) Check(JsonElement body, WafEntity? current, WafDraftContext context)
    {
        var capacity = body.TryGetProperty("Capacity", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var n) ? n : 0;
        if (capacity is < 1 or > 5000)
        {
            throw WafException.InvalidParameter(Field, null, "Capacity must be between 1 and 5000");
        }
        RequireObject(body, "VisibilityConfig", "METRIC_NAME");
        var rules = WafRuleList.Check(body.TryGetProperty("Rules", out var r) ? r : null, inRuleGroup: true, context.Arns, context.RuleGroupCapacity);
        if (rules.Capacity > capacity)
        {
            throw WafException.Limits($"the rule group's capacity of {capacity} (its rules need {rules.Capacity})");
        }
        return (rules.References, capacity);
    }

    public override void WriteComputed(Utf8JsonWriter writer, WafEntity entity, WafArns arns)
    {
        writer.WriteString("LabelNamespace", arns.LabelNamespace("rulegroup", entity.Name));
    }
}

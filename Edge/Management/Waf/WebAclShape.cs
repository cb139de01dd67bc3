using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>Web ACLs: a default action, visibility settings and prioritised rules.</summary>
internal sealed class WebAclShape : WafEntityShape
{
    private static readonly string[] Members =
    [
        "DefaultAction", "VisibilityConfig", "Rules", "DataProtectionConfig", "CustomResponseBodies", "CaptchaConfig",
        "ChallengeConfig", "TokenDomains", "AssociationConfig",
    ];

    public override WafEntityKind Kind => WafEntityKind.WebAcl;

    public override string Noun => "WebACL";

    public override string Field => "WEB_ACL";

    protected override IReadOnlyList<string> CreateMembers => Members;

    protected override IReadOnlyList<string> UpdateMembers => Members;

    protected override (IReadOnlyList<string> References, long Capacity) Check(JsonElement body, WafEntity? current, WafDraftContext context)
    {
        var defaultAction = RequireObject(body, "DefaultAction", "DEFAULT_ACTION");
        if (defaultAction.EnumerateObject().Count() != 1 || !(defaultAction.TryGetProperty("Allow", out _) || defaultAction.TryGetProperty("Block", out _)))
        {
            throw WafException.InvalidParameter("DEFAULT_ACTION", null, "DefaultAction must be exactly one of Allow or Block");
        }
        RequireObject(body, "VisibilityConfig", "METRIC_NAME");
        var rules = WafRuleList.Check(body.TryGetProperty("Rules", out var r) ? r : null, inRuleGroup: false, context.Arns, context.RuleGroupCapacity);
        return (rules.References, rules.Capacity);
    }

    public override void WriteComputed(Utf8JsonWriter writer, WafEntity entity, WafArns arns)
    {
        writer.WriteNumber("Capacity", entity.Capacity);
        writer.WriteBoolean("ManagedByFirewallManager", false);
        writer.WriteString("LabelNamespace", arns.LabelNamespace("webacl", entity.Name));
        writer.WriteBoolean("RetrofittedByFirewallManager", false);
    }
}

using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>What checking a draft may consult: ARN formats and the directory as it was when the call began.</summary>
internal sealed record WafDraftContext(WafArns Arns, WafSnapshot Directory)
{
    /// <summary>The capacity of the rule group with this ARN; WAFNonexistentItemException if there is none.</summary>
    public long RuleGroupCapacity(string arn) =>
        Directory.Entities.FirstOrDefault(e => e.Kind == WafEntityKind.RuleGroup && e.Arn == arn)?.Capacity
        ?? throw new WafException(WafErrorType.NonexistentItem, $"AWS WAF couldn’t perform the operation because your resource doesn’t exist: {arn}");
}

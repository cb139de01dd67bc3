using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>What checking a draft may consult: ARN formats and the directory as it was when the call began.</summary>
internal sealed record WafDraftContext(WafArns Arns, WafSnapshot Directory)
{
    /// <summary>WAFNonexistentItemException unless every referenced ARN names an entity (checked again by the directory when it commits).</summary>
    public void RequireReferences(IReadOnlyList<string> references)
    {
        foreach (var arn in references)
        {
            if (!Directory.Entities.Any(e => e.Arn == arn))
            {
                throw new WafException(WafErrorType.NonexistentItem, $"AWS WAF couldn’t perform the operation because your resource doesn’t exist: {arn}");
            }
        }
    }

    /// <summary>The capacity of the rule group with this ARN; WAFNonexistentItemException if there is none.</summary>
    public long RuleGroupCapacity(string arn) =>
        Directory.Entities.FirstOrDefault(e => e.Kind == WafEntityKind.RuleGroup && e.Arn == arn)?.Capacity
        ?? throw new WafException(WafErrorType.NonexistentItem, $"AWS WAF couldn’t perform the operation because your resource doesn’t exist: {arn}");
}

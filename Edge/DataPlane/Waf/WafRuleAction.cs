namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>A compiled rule action: its kind and, for Block, an optional custom response.</summary>
public sealed record WafRuleAction(WafActionKind Kind, WafCustomResponse? CustomResponse = null)
{
    /// <summary>Allow without changes.</summary>
    public static WafRuleAction Allow { get; } = new(WafActionKind.Allow);

    /// <summary>Block with the <c>WAF_FILTERED</c> gateway response.</summary>
    public static WafRuleAction Block { get; } = new(WafActionKind.Block);

    /// <summary>Count and continue.</summary>
    public static WafRuleAction Count { get; } = new(WafActionKind.Count);
}

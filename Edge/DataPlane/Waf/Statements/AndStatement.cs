using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>WAFv2 <c>AndStatement</c>: all match (evaluation stops at the first that does not).</summary>
internal sealed class AndStatement(WafStatement[] statements) : WafStatement
{
    public override bool Matches(WafRequest request)
    {
        foreach (var statement in statements)
        {
            if (!statement.Matches(request))
            {
                return false;
            }
        }
        return true;
    }
}

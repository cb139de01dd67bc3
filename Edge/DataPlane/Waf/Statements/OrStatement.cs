using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>WAFv2 <c>OrStatement</c>: any matches (evaluation stops at the first that does).</summary>
internal sealed class OrStatement(WafStatement[] statements) : WafStatement
{
    public override bool Matches(WafRequest request)
    {
        foreach (var statement in statements)
        {
            if (statement.Matches(request))
            {
                return true;
            }
        }
        return false;
    }
}

using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>WAFv2 <c>NotStatement</c>.</summary>
internal sealed class NotStatement(WafStatement statement) : WafStatement
{
    public override bool Matches(WafRequest request) => !statement.Matches(request);
}

using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>A compiled WAFv2 statement: immutable, shared by every request, evaluated without locks.</summary>
internal abstract class WafStatement
{
    /// <summary>True when <paramref name="request"/> matches.</summary>
    public abstract bool Matches(WafRequest request);
}

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>WAFv2 <c>ComparisonOperator</c> of a size constraint.</summary>
internal enum ComparisonOperator
{
    Eq,
    Ne,
    Le,
    Lt,
    Ge,
    Gt,
}

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>WAFv2 <c>PositionalConstraint</c> of a byte match.</summary>
internal enum PositionalConstraint
{
    Exactly,
    StartsWith,
    EndsWith,
    Contains,
    ContainsWord,
}

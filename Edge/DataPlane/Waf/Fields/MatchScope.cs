namespace OrleansGateway.Edge.DataPlane.Waf.Fields;

/// <summary>WAFv2 <c>MatchScope</c>: inspect keys, values, or both.</summary>
internal enum MatchScope
{
    All,
    Key,
    Value,
}

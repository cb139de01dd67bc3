namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>WAFv2 <c>AggregateKeyType</c> of a rate-based statement.</summary>
internal enum RateAggregation
{
    Ip,
    ForwardedIp,
    Constant,
}

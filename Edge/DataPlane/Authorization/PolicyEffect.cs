namespace OrleansGateway.Edge.DataPlane.Authorization;

/// <summary>What one policy (an authorizer's, a caller's identity policies, a resource policy) says about a request.</summary>
public enum PolicyEffect
{
    /// <summary>No statement matched: neither allowed nor denied ("—" in API Gateway's tables).</summary>
    NotMatched,
    /// <summary>An Allow statement matched and no Deny did.</summary>
    Allow,
    /// <summary>A Deny statement matched; it always wins.</summary>
    ExplicitDeny,
}

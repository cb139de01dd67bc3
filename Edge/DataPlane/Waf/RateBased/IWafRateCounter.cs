namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>
/// Counts the requests a rate-based rule sees, cluster-wide, without a remote call per request:
/// the implementation holds leases granted by grains and learns from them which keys are over
/// their limit.
/// </summary>
public interface IWafRateCounter
{
    /// <summary>
    /// Counts one request from <paramref name="aggregateKey"/> (the source or forwarded IP, or a
    /// custom key) for <paramref name="rule"/> and says whether that key is over the rule's limit
    /// now, in which case the request gets the rule's action.
    /// </summary>
    bool CountAndCheck(WafRateRule rule, string aggregateKey);
}

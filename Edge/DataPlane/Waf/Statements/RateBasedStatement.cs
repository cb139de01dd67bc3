using OrleansGateway.Edge.DataPlane.Waf.Inspection;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>
/// WAFv2 <c>RateBasedStatement</c>: requests in scope (all, or those the scope-down statement
/// matches) are counted per key through <see cref="IWafRateCounter"/>, which answers from local
/// leases (no remote call per request); the statement matches while the key is over the limit.
/// </summary>
internal sealed class RateBasedStatement(WafRateRule rule, RateAggregation aggregation, ForwardedIpSource? forwarded, WafStatement? scopeDown) : WafStatement
{
    /// <summary>The key every request shares under CONSTANT aggregation.</summary>
    private const string ConstantKey = "*";

    public WafRateRule Rule { get; } = rule;

    public override bool Matches(WafRequest request)
    {
        if (request.Runtime.RateCounter is not { } counter || (scopeDown is not null && !scopeDown.Matches(request)))
        {
            return false;
        }
        string key;
        switch (aggregation)
        {
            case RateAggregation.Constant:
                key = ConstantKey;
                break;
            case RateAggregation.ForwardedIp:
                if (request.ForwardedIp(forwarded!.HeaderName) is not { } address)
                {
                    // WAFv2: a request without a usable forwarded IP is not counted; the fallback decides.
                    return forwarded.FallbackMatches;
                }
                key = address.ToString();
                break;
            default:
                key = request.SourceIpText;
                break;
        }
        return counter.CountAndCheck(Rule, key);
    }
}

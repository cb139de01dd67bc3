namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>Lambda-style (TOKEN / REQUEST) authorizers, bound from <c>Gateway:Authorizers</c>.</summary>
public sealed class LambdaAuthorizerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Authorizers";

    /// <summary>
    /// Function name → the URL of the HTTP endpoint that stands in for it. An authorizer URI in API
    /// Gateway's form <c>arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations</c>
    /// is resolved by the function name in <c>{functionArn}</c> (<c>arn:aws:lambda:{region}:{account}:function:{name}</c>).
    /// </summary>
    public Dictionary<string, string> Functions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The largest <see cref="CallTimeout"/>: edges waiting for another edge's call are parked in a
    /// grain for up to the call timeout plus a margin, which must stay under Orleans' 30 s response timeout.
    /// </summary>
    public static readonly TimeSpan MaxCallTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long one authorizer call may take before the request gets AUTHORIZER_FAILURE (API Gateway: 10 s; at most <see cref="MaxCallTimeout"/>).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Results this edge keeps in memory (the lease of cluster-cached results); beyond it the least recently used go.</summary>
    public int MaxCachedResults { get; set; } = 10_000;

    /// <summary>Share of failed calls, over <see cref="BreakerSamplingDuration"/>, that opens an authorizer's circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the breaker may open.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The breaker's sampling window.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker refuses calls (500 without calling) before letting one through.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

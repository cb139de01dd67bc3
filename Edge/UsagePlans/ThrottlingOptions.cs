namespace OrleansGateway.Edge.UsagePlans;

/// <summary>The gateway-wide (account-level) throttle (<c>Gateway:Throttling</c>), API Gateway's defaults.</summary>
public sealed class ThrottlingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Throttling";

    /// <summary>Requests per second for the whole gateway, summed over every edge.</summary>
    public double AccountRateLimit { get; set; } = 10_000;

    /// <summary>The account bucket's size.</summary>
    public int AccountBurstLimit { get; set; } = 5_000;
}

using System.Diagnostics.Metrics;

namespace OrleansGateway.Edge.DataPlane.Waf.Inspection;

/// <summary>The WAF's metrics: meter <c>OrleansGateway.Waf</c>, counter <c>waf.matches</c> tagged web_acl, rule, action.</summary>
internal sealed class WafMetrics
{
    /// <summary>The meter's name, for exporters to subscribe to.</summary>
    public const string MeterName = "OrleansGateway.Waf";

    private readonly Counter<long> _matches;

    public WafMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _matches = meter.CreateCounter<long>("waf.matches", unit: "{match}", description: "Requests a WAF rule matched, by web ACL, rule and action.");
    }

    public void Matched(string webAcl, string rule, WafActionKind action) =>
        _matches.Add(1,
            new KeyValuePair<string, object?>("web_acl", webAcl),
            new KeyValuePair<string, object?>("rule", rule),
            new KeyValuePair<string, object?>("action", action switch
            {
                WafActionKind.Allow => "ALLOW",
                WafActionKind.Block => "BLOCK",
                _ => "COUNT",
            }));
}

using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Waf;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>IP sets, regex pattern sets and rule groups held in dictionaries, as the cluster's WAF state would resolve them.</summary>
internal sealed class WafTestReferences : IWafReferences
{
    public Dictionary<string, string[]> IpSets { get; } = [];

    public Dictionary<string, string[]> RegexSets { get; } = [];

    public Dictionary<string, string> RuleGroups { get; } = [];

    public IReadOnlyList<string>? IpSetAddresses(string arn) => IpSets.GetValueOrDefault(arn);

    public IReadOnlyList<string>? RegexPatterns(string arn) => RegexSets.GetValueOrDefault(arn);

    public JsonElement? RuleGroupRules(string arn) =>
        RuleGroups.TryGetValue(arn, out var rules) ? JsonDocument.Parse(rules).RootElement.Clone() : null;
}

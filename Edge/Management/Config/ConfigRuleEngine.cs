using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.ConfigHistory;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>
/// Evaluates rules against configuration items (on every recorded change, and on demand over the
/// whole inventory plus the data-plane listeners) and stores the verdicts.
/// </summary>
internal sealed partial class ConfigRuleEngine(IGrainFactory grains, IConfiguration configuration, TimeProvider timeProvider, ILogger<ConfigRuleEngine> logger)
{
    private IConfigRulesGrain Rules => grains.GetGrain<IConfigRulesGrain>(IConfigRulesGrain.Key);

    /// <summary>The resource types a rule evaluates.</summary>
    public static IReadOnlyList<string> ScopeOf(ConfigRule rule) =>
        rule.ResourceTypes.Count > 0 ? rule.ResourceTypes
        : rule.SourceIdentifier is { } id && BuiltInRules.ResourceTypes.TryGetValue(id, out var type) ? [type]
        : rule.PolicyText is { } text ? [JsonRule.Parse(text).ResourceType] : [];

    /// <summary>Evaluates every rule that covers <paramref name="item"/>; returns the rules it breaks that remediate automatically.</summary>
    public async Task<IReadOnlyList<ConfigRule>> EvaluateChangeAsync(ConfigurationItem item)
    {
        var rules = await Rules.List();
        var verdicts = rules.Where(r => ScopeOf(r).Contains(item.ResourceType)).Select(r => (Rule: r, Verdict: Evaluate(r, item))).ToList();
        await Rules.Record([.. verdicts.Select(v => v.Verdict)]);
        return [.. verdicts.Where(v => v.Verdict.ComplianceType == "NON_COMPLIANT" && v.Rule.AutoRemediation is not null).Select(v => v.Rule)];
    }

    /// <summary>Evaluates the named rules (all when empty) over every known resource, without remediating.</summary>
    public async Task EvaluateAllAsync(IReadOnlyCollection<string> ruleNames)
    {
        var rules = (await Rules.List()).Where(r => ruleNames.Count == 0 || ruleNames.Contains(r.Name)).ToList();
        var items = (await grains.GetGrain<IConfigInventoryGrain>(IConfigInventoryGrain.Key).List(null)).Concat(ListenerItems()).ToList();
        var verdicts = rules.SelectMany(rule => items.Where(i => ScopeOf(rule).Contains(i.ResourceType)).Select(i => Evaluate(rule, i))).ToList();
        await Rules.Record(verdicts);
    }

    private RuleEvaluation Evaluate(ConfigRule rule, ConfigurationItem item)
    {
        var now = timeProvider.GetUtcNow();
        if (item.Configuration is null)
        {
            return new(rule.Name, item.ResourceType, item.ResourceId, "NOT_APPLICABLE", "The resource was deleted.", now);
        }
        try
        {
            var configuration = JsonNode.Parse(item.Configuration)!;
            var (compliant, annotation) = rule.Owner == "CUSTOM_POLICY"
                ? JsonRule.Parse(rule.PolicyText!).Evaluate(configuration)
                : BuiltInRules.Evaluate(rule.SourceIdentifier!, rule.InputParameters is null ? null : JsonNode.Parse(rule.InputParameters) as JsonObject, configuration);
            return new(rule.Name, item.ResourceType, item.ResourceId, compliant ? "COMPLIANT" : "NON_COMPLIANT", annotation, now);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            Log.EvaluationFailed(logger, rule.Name, item.ResourceType, item.ResourceId, e.Message);
            return new(rule.Name, item.ResourceType, item.ResourceId, "NOT_APPLICABLE", "Evaluation failed: " + e.Message, now);
        }
    }

    /// <summary>The data-plane listeners' TLS settings, as configuration items (they live in configuration, not grains).</summary>
    private IEnumerable<ConfigurationItem> ListenerItems()
    {
        var now = timeProvider.GetUtcNow();
        ConfigurationItem Item(string id, string? version) => new(ConfigResourceTypes.DataPlaneListener, id, now, "OK", 0,
            new JsonObject { ["minimumTlsVersion"] = version ?? "1.2" }.ToJsonString(), null, "Configuration", "");
        yield return Item("default", configuration["Gateway:DataPlane:MinimumTlsVersion"]);
        foreach (var listener in configuration.GetSection("Gateway:DataPlane:Listeners").GetChildren())
        {
            yield return Item(listener.Key, listener["MinimumTlsVersion"]);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Rule {Rule} could not evaluate {ResourceType} {ResourceId}: {Reason}")]
        public static partial void EvaluationFailed(ILogger logger, string rule, string resourceType, string resourceId, string reason);
    }
}

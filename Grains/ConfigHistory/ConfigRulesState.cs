using OrleansGateway.Grains.Interfaces.ConfigHistory;

namespace OrleansGateway.Grains.ConfigHistory;

/// <summary>Rules and their verdicts.</summary>
[GenerateSerializer, Alias("og.ConfigRulesState")]
public sealed class ConfigRulesState
{
    /// <summary>Rule name → rule.</summary>
    [Id(0)]
    public Dictionary<string, ConfigRule> Rules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rule name → resource key → verdict.</summary>
    [Id(1)]
    public Dictionary<string, Dictionary<string, RuleEvaluation>> Evaluations { get; set; } = new(StringComparer.Ordinal);
}

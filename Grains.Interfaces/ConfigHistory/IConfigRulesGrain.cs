using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.ConfigHistory;

/// <summary>Every compliance rule and its latest verdict per resource (key <see cref="Key"/>).</summary>
[Alias("og.IConfigRulesGrain")]
public interface IConfigRulesGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    const string Key = "rules";

    /// <summary>Most rules accepted (AWS Config's default is 400 per region).</summary>
    const int MaxRules = 400;

    /// <summary>Creates or replaces a rule (its verdicts are kept until re-evaluated); false when <see cref="MaxRules"/> is reached.</summary>
    [Alias("Put")]
    Task<bool> Put(ConfigRule rule);

    /// <summary>Deletes a rule and its verdicts; false when there was none.</summary>
    [Alias("Delete")]
    Task<bool> Delete(string name);

    /// <summary>Every rule, by name.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<ConfigRule>> List();

    /// <summary>Stores verdicts (replacing earlier ones for the same rule and resource); verdicts of unknown rules are dropped.</summary>
    [Alias("Record")]
    Task Record(IReadOnlyList<RuleEvaluation> evaluations);

    /// <summary>A rule's verdicts, by resource; null when the rule does not exist.</summary>
    [Alias("Evaluations"), ReadOnly]
    Task<IReadOnlyList<RuleEvaluation>?> Evaluations(string ruleName);
}

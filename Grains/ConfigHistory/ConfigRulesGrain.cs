using OrleansGateway.Grains.Interfaces.ConfigHistory;

namespace OrleansGateway.Grains.ConfigHistory;

/// <summary>Rules and verdicts; see <see cref="IConfigRulesGrain"/>.</summary>
public sealed class ConfigRulesGrain(
    [PersistentState("configrules", GrainStorage.Name)] IPersistentState<ConfigRulesState> state) : Grain, IConfigRulesGrain
{
    /// <inheritdoc />
    public async Task<bool> Put(ConfigRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!state.State.Rules.ContainsKey(rule.Name) && state.State.Rules.Count >= IConfigRulesGrain.MaxRules)
        {
            return false;
        }
        state.State.Rules[rule.Name] = rule;
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> Delete(string name)
    {
        if (!state.State.Rules.Remove(name))
        {
            return false;
        }
        state.State.Evaluations.Remove(name);
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConfigRule>> List()
    {
        IReadOnlyList<ConfigRule> rules = state.State.Rules.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return Task.FromResult(rules);
    }

    /// <inheritdoc />
    public async Task Record(IReadOnlyList<RuleEvaluation> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        var changed = false;
        foreach (var evaluation in evaluations.Where(e => state.State.Rules.ContainsKey(e.RuleName)))
        {
            if (!state.State.Evaluations.TryGetValue(evaluation.RuleName, out var byResource))
            {
                state.State.Evaluations[evaluation.RuleName] = byResource = new(StringComparer.Ordinal);
            }
            byResource[IConfigHistoryGrain.KeyFor(evaluation.ResourceType, evaluation.ResourceId)] = evaluation;
            changed = true;
        }
        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RuleEvaluation>?> Evaluations(string ruleName)
    {
        if (!state.State.Rules.ContainsKey(ruleName))
        {
            return Task.FromResult<IReadOnlyList<RuleEvaluation>?>(null);
        }
        IReadOnlyList<RuleEvaluation> evaluations = state.State.Evaluations.TryGetValue(ruleName, out var byResource)
            ? byResource.Values.OrderBy(e => e.ResourceType, StringComparer.Ordinal).ThenBy(e => e.ResourceId, StringComparer.Ordinal).ToList()
            : [];
        return Task.FromResult<IReadOnlyList<RuleEvaluation>?>(evaluations);
    }
}

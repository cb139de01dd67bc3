using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Grains.Alarms;

/// <summary>Event rules; see <see cref="IEventRulesGrain"/>.</summary>
public sealed class EventRulesGrain(
    [PersistentState("eventrules", GrainStorage.Name)] IPersistentState<EventRulesState> state) : Grain, IEventRulesGrain
{
    /// <inheritdoc />
    public async Task<bool> PutRule(string name, string pattern, bool enabled, string? description)
    {
        var rules = state.State.Rules;
        if (!rules.TryGetValue(name, out var existing) && rules.Count >= IEventRulesGrain.MaxRules)
        {
            return false;
        }
        rules[name] = new EventRule(name, pattern, enabled, description, existing?.Targets ?? new Dictionary<string, string>());
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool?> PutTargets(string rule, IReadOnlyDictionary<string, string> targets)
    {
        if (!state.State.Rules.TryGetValue(rule, out var existing))
        {
            return null;
        }
        var merged = new Dictionary<string, string>(existing.Targets, StringComparer.Ordinal);
        foreach (var (id, url) in targets)
        {
            merged[id] = url;
        }
        if (merged.Count > IEventRulesGrain.MaxTargets)
        {
            return false;
        }
        state.State.Rules[rule] = existing with { Targets = merged };
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveTargets(string rule, IReadOnlyList<string> ids)
    {
        if (!state.State.Rules.TryGetValue(rule, out var existing))
        {
            return false;
        }
        state.State.Rules[rule] = existing with { Targets = existing.Targets.Where(t => !ids.Contains(t.Key)).ToDictionary(StringComparer.Ordinal) };
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteRule(string name)
    {
        if (!state.State.Rules.TryGetValue(name, out var existing) || existing.Targets.Count > 0)
        {
            return false;
        }
        state.State.Rules.Remove(name);
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EventRule>> List() =>
        Task.FromResult<IReadOnlyList<EventRule>>([.. state.State.Rules.Values.OrderBy(r => r.Name, StringComparer.Ordinal)]);
}

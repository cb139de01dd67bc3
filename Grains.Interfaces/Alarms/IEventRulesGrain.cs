using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>Every event rule with its targets (key <see cref="Key"/>).</summary>
[Alias("og.IEventRulesGrain")]
public interface IEventRulesGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    const string Key = "eventrules";

    /// <summary>Most rules (EventBridge's default quota per bus is 300).</summary>
    const int MaxRules = 300;

    /// <summary>Most targets per rule (EventBridge's limit).</summary>
    const int MaxTargets = 5;

    /// <summary>Creates or updates a rule, keeping its targets; false when <see cref="MaxRules"/> is reached.</summary>
    [Alias("PutRule")]
    Task<bool> PutRule(string name, string pattern, bool enabled, string? description);

    /// <summary>Adds or replaces targets; null when the rule does not exist, false when it would exceed <see cref="MaxTargets"/>.</summary>
    [Alias("PutTargets")]
    Task<bool?> PutTargets(string rule, IReadOnlyDictionary<string, string> targets);

    /// <summary>Removes targets by id; false when the rule does not exist.</summary>
    [Alias("RemoveTargets")]
    Task<bool> RemoveTargets(string rule, IReadOnlyList<string> ids);

    /// <summary>Deletes a rule; false when it has targets (EventBridge requires removing them first) or does not exist.</summary>
    [Alias("DeleteRule")]
    Task<bool> DeleteRule(string name);

    /// <summary>Every rule.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<EventRule>> List();
}

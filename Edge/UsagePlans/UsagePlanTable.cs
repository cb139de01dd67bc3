using System.Collections.Frozen;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans;

/// <summary>
/// Every usage plan, indexed by the API stages they cover, at one version. Immutable: the request
/// path reads one instance without locks while a newer one is built.
/// </summary>
public sealed class UsagePlanTable
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, PlanForStage>> _byStage;

    private UsagePlanTable(long version, FrozenDictionary<string, FrozenDictionary<string, PlanForStage>> byStage)
    {
        Version = version;
        _byStage = byStage;
    }

    /// <summary>The table before the first sync: no plans.</summary>
    public static UsagePlanTable Empty { get; } = new(-1, FrozenDictionary<string, FrozenDictionary<string, PlanForStage>>.Empty);

    /// <summary>The directory version this table was built from.</summary>
    public long Version { get; }

    /// <summary>Builds the table for <paramref name="snapshot"/>.</summary>
    public static UsagePlanTable Build(UsagePlanSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var byStage = new Dictionary<string, Dictionary<string, PlanForStage>>(StringComparer.Ordinal);
        foreach (var plan in snapshot.Plans)
        {
            foreach (var apiStage in plan.ApiStages)
            {
                var stageKey = StageKey(apiStage.ApiId, apiStage.Stage);
                if (!byStage.TryGetValue(stageKey, out var plans))
                {
                    byStage[stageKey] = plans = new Dictionary<string, PlanForStage>(StringComparer.Ordinal);
                }
                plans[plan.Id] = new PlanForStage(
                    plan.Id, plan.Throttle, plan.Quota, apiStage.Throttle.ToFrozenDictionary(StringComparer.Ordinal));
            }
        }
        return new UsagePlanTable(
            snapshot.Version,
            byStage.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal));
    }

    /// <summary>
    /// The plan among <paramref name="keyPlanIds"/> that covers the stage. A key is in at most one
    /// plan per stage (the directory enforces it), so the first match is the only one.
    /// </summary>
    public PlanForStage? Find(string apiId, string stage, IReadOnlyList<string> keyPlanIds)
    {
        if (keyPlanIds.Count == 0 || !_byStage.TryGetValue(StageKey(apiId, stage), out var plans))
        {
            return null;
        }
        for (var i = 0; i < keyPlanIds.Count; i++)
        {
            if (plans.TryGetValue(keyPlanIds[i], out var plan))
            {
                return plan;
            }
        }
        return null;
    }

    private static string StageKey(string apiId, string stage) => apiId + "/" + stage;
}

using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.UsagePlans;

/// <summary>
/// Every usage plan and every plan ↔ key association. Each change is validated in full on a copy,
/// then committed: version bumped, state written, the affected keys' value grains told, and the
/// new version pushed to the edges — so a rejected call changes nothing.
/// </summary>
public sealed partial class UsagePlanDirectoryGrain(
    [PersistentState("usageplans", GrainStorage.Name)] IPersistentState<UsagePlanDirectoryState> state,
    ILogger<UsagePlanDirectoryGrain> logger) : Grain, IUsagePlanDirectoryGrain
{
    private const int PlanIdLength = 6;

    /// <summary>API Gateway's quota of plans one key may be in.</summary>
    private const int MaxPlansPerKey = 10;

    private UsagePlanDirectoryState S => state.State;

    /// <inheritdoc />
    public Task<UsagePlanSnapshot> GetSnapshot() =>
        Task.FromResult(new UsagePlanSnapshot(S.Version, S.Plans.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList()));

    /// <inheritdoc />
    public Task<long> GetVersion() => Task.FromResult(S.Version);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetPlanKeyIds(string planId)
    {
        RequirePlan(planId);
        return Task.FromResult<IReadOnlyList<string>>(Keys(planId).ToList());
    }

    /// <inheritdoc />
    public async Task<UsagePlan> Create(UsagePlanCreation creation)
    {
        ArgumentNullException.ThrowIfNull(creation);
        if (S.Plans.Count >= UsagePlanRules.MaxPlans)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded, $"Cannot exceed the limit of {UsagePlanRules.MaxPlans} usage plans");
        }
        var id = IdGenerator.Next(PlanIdLength);
        while (S.Plans.ContainsKey(id))
        {
            id = IdGenerator.Next(PlanIdLength);
        }
        var plan = new UsagePlan(id, creation.Name, creation.Description, creation.ApiStages, creation.Throttle, creation.Quota, null, creation.Tags);
        UsagePlanRules.Validate(plan);
        await EnsureStagesExistAsync(plan, []);
        S.Plans[id] = plan;
        S.PlanKeys[id] = [];
        await CommitAsync([]);
        Log.PlanCreated(logger, id);
        return plan;
    }

    /// <inheritdoc />
    public Task<UsagePlan> Get(string planId) => Task.FromResult(RequirePlan(planId));

    /// <inheritdoc />
    public Task<IReadOnlyList<UsagePlan>> List(string? keyId)
    {
        IEnumerable<UsagePlan> plans = S.Plans.Values;
        if (keyId is not null)
        {
            plans = plans.Where(p => Keys(p.Id).BinarySearch(keyId, StringComparer.Ordinal) >= 0);
        }
        return Task.FromResult<IReadOnlyList<UsagePlan>>(plans.OrderBy(p => p.Id, StringComparer.Ordinal).ToList());
    }

    /// <inheritdoc />
    public async Task<UsagePlan> Update(string planId, IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var current = RequirePlan(planId);
        var updated = UsagePlanPatcher.Apply(current, operations) with { Id = planId };
        UsagePlanRules.Validate(updated);
        await EnsureStagesExistAsync(updated, current.ApiStages);
        foreach (var keyId in Keys(planId))
        {
            EnsureNoStageConflict(planId, updated.ApiStages, keyId);
        }
        S.Plans[planId] = updated;
        await CommitAsync([]);
        return updated;
    }

    /// <inheritdoc />
    public async Task Delete(string planId)
    {
        var plan = RequirePlan(planId);
        if (plan.ApiStages.Count > 0)
        {
            throw ManagementException.BadRequest($"Cannot delete Usage Plan {planId} because there are API Stages associated with it");
        }
        var keys = Keys(planId).ToList();
        S.Plans.Remove(planId);
        S.PlanKeys.Remove(planId);
        await CommitAsync(keys);
        Log.PlanDeleted(logger, planId);
    }

    /// <inheritdoc />
    public async Task AddKey(string planId, string keyId)
    {
        var plan = RequirePlan(planId);
        var record = await GrainFactory.GetGrain<IApiKeyGrain>(keyId).TryGet()
            ?? throw ManagementException.NotFound("Invalid API Key identifier specified");
        if (Keys(planId).BinarySearch(keyId, StringComparer.Ordinal) >= 0)
        {
            throw ManagementException.Conflict($"Usage Plan {planId} cannot be added because API Key {keyId} is already associated with it");
        }
        EnsureNoStageConflict(planId, plan.ApiStages, keyId);
        EnsurePlanCountPerKey(keyId);
        Insert(planId, keyId, record.ValueHash);
        await CommitAsync([keyId]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> AddKeys(string planId, IReadOnlyList<string> keyIds)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        if (!S.Plans.TryGetValue(planId, out var plan))
        {
            return [$"Usage plan {planId} not found: its keys were not associated"];
        }
        var warnings = new List<string>();
        var added = new List<string>();
        foreach (var keyId in keyIds.Distinct(StringComparer.Ordinal))
        {
            if (Keys(planId).BinarySearch(keyId, StringComparer.Ordinal) >= 0)
            {
                continue;
            }
            try
            {
                var record = await GrainFactory.GetGrain<IApiKeyGrain>(keyId).TryGet()
                    ?? throw ManagementException.NotFound($"API Key {keyId} not found");
                EnsureNoStageConflict(planId, plan.ApiStages, keyId);
                EnsurePlanCountPerKey(keyId);
                Insert(planId, keyId, record.ValueHash);
                added.Add(keyId);
            }
            catch (ManagementException exception)
            {
                warnings.Add(exception.Message);
            }
        }
        if (added.Count > 0)
        {
            await CommitAsync(added);
        }
        return warnings;
    }

    /// <inheritdoc />
    public async Task RemoveKey(string planId, string keyId)
    {
        RequirePlan(planId);
        var keys = Keys(planId);
        var index = keys.BinarySearch(keyId, StringComparer.Ordinal);
        if (index < 0)
        {
            throw ManagementException.NotFound("Invalid Usage Plan Key identifier specified");
        }
        keys.RemoveAt(index);
        await CommitAsync([keyId]);
    }

    /// <inheritdoc />
    public async Task RemoveKeyEverywhere(string keyId)
    {
        var changed = false;
        foreach (var keys in S.PlanKeys.Values)
        {
            var index = keys.BinarySearch(keyId, StringComparer.Ordinal);
            if (index >= 0)
            {
                keys.RemoveAt(index);
                changed = true;
            }
        }
        if (changed)
        {
            await CommitAsync([keyId]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetKeyPlanIds(string keyId) => Task.FromResult(PlansOf(keyId));

    private UsagePlan RequirePlan(string planId) =>
        S.Plans.TryGetValue(planId, out var plan) ? plan : throw ManagementException.NotFound("Invalid Usage Plan ID specified");

    private List<string> Keys(string planId) => S.PlanKeys.TryGetValue(planId, out var keys) ? keys : S.PlanKeys[planId] = [];

    private IReadOnlyList<string> PlansOf(string keyId) =>
        S.PlanKeys.Where(p => p.Value.BinarySearch(keyId, StringComparer.Ordinal) >= 0).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

    private void Insert(string planId, string keyId, string valueHash)
    {
        var keys = Keys(planId);
        keys.Insert(~keys.BinarySearch(keyId, StringComparer.Ordinal), keyId);
        S.KeyValueHashes[keyId] = valueHash;
    }

    /// <summary>The rule "a key is in at most one plan per API stage", checked for <paramref name="keyId"/> joining (or staying in) a plan with <paramref name="stages"/>.</summary>
    private void EnsureNoStageConflict(string planId, IReadOnlyList<UsagePlanApiStage> stages, string keyId)
    {
        foreach (var (otherId, otherKeys) in S.PlanKeys)
        {
            if (otherId == planId || otherKeys.BinarySearch(keyId, StringComparer.Ordinal) < 0)
            {
                continue;
            }
            foreach (var other in S.Plans[otherId].ApiStages)
            {
                if (stages.Any(s => s.ApiId == other.ApiId && s.Stage == other.Stage))
                {
                    throw ManagementException.Conflict(
                        $"API Key {keyId} is already in usage plan {otherId} for API stage {other.ApiId}:{other.Stage}; a key may be in only one usage plan per API stage");
                }
            }
        }
    }

    private void EnsurePlanCountPerKey(string keyId)
    {
        if (PlansOf(keyId).Count >= MaxPlansPerKey)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded, $"API Key {keyId} cannot be in more than {MaxPlansPerKey} usage plans");
        }
    }

    /// <summary>400 unless every stage not already in the plan exists (an API stage may be deleted later; that is not checked again).</summary>
    private async Task EnsureStagesExistAsync(UsagePlan plan, IReadOnlyList<UsagePlanApiStage> existing)
    {
        foreach (var stage in plan.ApiStages)
        {
            if (existing.Any(s => s.ApiId == stage.ApiId && s.Stage == stage.Stage))
            {
                continue;
            }
            var api = GrainFactory.GetGrain<IRestApiGrain>(stage.ApiId);
            var found = false;
            if (await api.TryGet() is not null)
            {
                try
                {
                    await api.GetStage(stage.Stage);
                    found = true;
                }
                catch (ManagementException exception) when (exception.ErrorType == ManagementErrorType.NotFound)
                {
                    // Reported below with API Gateway's wording.
                }
            }
            if (!found)
            {
                found = await WebSocketStageExistsAsync(stage);
            }
            if (!found)
            {
                throw ManagementException.BadRequest($"Invalid API Stage {{api: {stage.ApiId}, stage: {stage.Stage}}} specified for usageplan {plan.Id}");
            }
        }
    }

    /// <summary>A usage plan may also name a WebSocket API's stage (API keys are honoured on its <c>$connect</c>).</summary>
    private async Task<bool> WebSocketStageExistsAsync(UsagePlanApiStage stage)
    {
        try
        {
            await GrainFactory.GetGrain<Interfaces.WebSockets.IWebSocketApiGrain>(stage.ApiId).GetStage(stage.Stage);
            return true;
        }
        catch (ManagementException exception) when (exception.ErrorType == ManagementErrorType.NotFound)
        {
            return false;
        }
    }

    /// <summary>Bumps the version, writes, tells the changed keys' value grains, then the edges.</summary>
    private async Task CommitAsync(IReadOnlyList<string> changedKeys)
    {
        S.Version++;
        var updates = new List<(string Hash, string KeyId, IReadOnlyList<string> Plans)>(changedKeys.Count);
        foreach (var keyId in changedKeys)
        {
            if (S.KeyValueHashes.TryGetValue(keyId, out var hash))
            {
                var plans = PlansOf(keyId);
                updates.Add((hash, keyId, plans));
                if (plans.Count == 0)
                {
                    S.KeyValueHashes.Remove(keyId);
                }
            }
        }
        await state.WriteStateAsync();
        foreach (var chunk in updates.Chunk(64))
        {
            await Task.WhenAll(chunk.Select(u => GrainFactory.GetGrain<IApiKeyValueClaimGrain>(u.Hash).SetUsagePlans(u.KeyId, u.Plans)));
        }
        await GrainFactory.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).PublishUsagePlans(S.Version);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Usage plan {PlanId} created")]
        public static partial void PlanCreated(ILogger logger, string planId);

        [LoggerMessage(2, LogLevel.Information, "Usage plan {PlanId} deleted")]
        public static partial void PlanDeleted(ILogger logger, string planId);
    }
}

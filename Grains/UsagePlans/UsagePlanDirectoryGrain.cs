using System.Text;
using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Grains.Storage;

namespace OrleansGateway.Grains.UsagePlans;

/// <summary>
/// Every usage plan and every plan ↔ key association. Each change is validated in full on a copy,
/// then committed: version bumped, state written, the affected keys' value grains told, and the
/// new version pushed to the edges — so a rejected call changes nothing. Plans live in the grain's
/// state; associations, which grow with keys, are persisted one record per plan and key
/// (<see cref="IGrainRecordStore"/>), so importing keys into a plan of a million writes only the new ones.
/// </summary>
public sealed partial class UsagePlanDirectoryGrain(
    [PersistentState("usageplans", GrainStorage.Name)] IPersistentState<UsagePlanDirectoryState> state,
    IGrainRecordStore store,
    ILogger<UsagePlanDirectoryGrain> logger) : Grain, IUsagePlanDirectoryGrain
{
    private const int PlanIdLength = 6;

    /// <summary>API Gateway's quota of plans one key may be in.</summary>
    private const int MaxPlansPerKey = 10;

    private readonly Dictionary<string, SortedSet<string>> _planKeys = new(StringComparer.Ordinal);

    /// <summary>The value hash of every key that is in at least one plan, to tell its value grain about membership.</summary>
    private readonly Dictionary<string, PackedValueHash> _valueHashes = new(StringComparer.Ordinal);

    /// <summary>Associations changed since the last commit: plan → key → value hash (null: removed).</summary>
    private readonly Dictionary<string, Dictionary<string, string?>> _unsaved = new(StringComparer.Ordinal);

    private readonly HashSet<string> _deletedPlans = new(StringComparer.Ordinal);

    private UsagePlanDirectoryState S => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var planId in S.Plans.Keys)
        {
            var keys = Keys(planId);
            foreach (var (keyId, hash) in await store.ReadAllAsync(Collection(planId)))
            {
                keys.Add(keyId);
                _valueHashes[keyId] = PackedValueHash.From(Encoding.UTF8.GetString(hash));
            }
        }
        // Associations written whole in the state by an earlier version move to the record store once.
        if (S.PlanKeys.Count > 0)
        {
            foreach (var (planId, keyIds) in S.PlanKeys)
            {
                foreach (var keyId in keyIds)
                {
                    Insert(planId, keyId, S.KeyValueHashes.GetValueOrDefault(keyId, string.Empty));
                }
            }
            S.PlanKeys.Clear();
            S.KeyValueHashes.Clear();
            await SaveAssociationsAsync();
            await state.WriteStateAsync();
        }
    }

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
    public Task<IReadOnlyList<string>> GetPlanKeyIdsAfter(string planId, string? afterId, int limit)
    {
        RequirePlan(planId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var keys = Keys(planId);
        IEnumerable<string> after = keys;
        if (afterId is not null)
        {
            if (keys.Count == 0 || string.CompareOrdinal(afterId, keys.Max) >= 0)
            {
                return Task.FromResult<IReadOnlyList<string>>([]);
            }
            // A view from afterId on: O(log n) to find the start, not a scan of every key before it.
            after = keys.GetViewBetween(afterId, keys.Max!).Where(id => !string.Equals(id, afterId, StringComparison.Ordinal));
        }
        return Task.FromResult<IReadOnlyList<string>>(after.Take(limit).ToList());
    }

    /// <inheritdoc />
    public Task<bool> HasPlanKey(string planId, string keyId)
    {
        RequirePlan(planId);
        return Task.FromResult(Keys(planId).Contains(keyId));
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
        Keys(id);
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
            plans = plans.Where(p => Keys(p.Id).Contains(keyId));
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
        _planKeys.Remove(planId);
        _unsaved.Remove(planId);
        _deletedPlans.Add(planId);
        await CommitAsync(keys);
        Log.PlanDeleted(logger, planId);
    }

    /// <inheritdoc />
    public async Task AddKey(string planId, string keyId)
    {
        var plan = RequirePlan(planId);
        var record = await GrainFactory.GetGrain<IApiKeyGrain>(keyId).TryGet()
            ?? throw ManagementException.NotFound("Invalid API Key identifier specified");
        if (Keys(planId).Contains(keyId))
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
        var joining = keyIds.Distinct(StringComparer.Ordinal).Where(k => !Keys(planId).Contains(k)).ToList();
        // Read in parallel: one by one, an import of 10,000 keys spent seconds on round trips alone.
        var records = new Dictionary<string, ApiKeyRecord?>(StringComparer.Ordinal);
        foreach (var chunk in joining.Chunk(256))
        {
            var read = await Task.WhenAll(chunk.Select(k => GrainFactory.GetGrain<IApiKeyGrain>(k).TryGet()));
            for (var i = 0; i < chunk.Length; i++)
            {
                records[chunk[i]] = read[i];
            }
        }
        foreach (var keyId in joining)
        {
            try
            {
                var record = records[keyId] ?? throw ManagementException.NotFound($"API Key {keyId} not found");
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
        if (!Keys(planId).Remove(keyId))
        {
            throw ManagementException.NotFound("Invalid Usage Plan Key identifier specified");
        }
        Unsaved(planId)[keyId] = null;
        await CommitAsync([keyId]);
    }

    /// <inheritdoc />
    public async Task RemoveKeyEverywhere(string keyId)
    {
        var changed = false;
        foreach (var (planId, keys) in _planKeys)
        {
            if (keys.Remove(keyId))
            {
                Unsaved(planId)[keyId] = null;
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

    private SortedSet<string> Keys(string planId) =>
        _planKeys.TryGetValue(planId, out var keys) ? keys : _planKeys[planId] = new(StringComparer.Ordinal);

    private Dictionary<string, string?> Unsaved(string planId) =>
        _unsaved.TryGetValue(planId, out var changes) ? changes : _unsaved[planId] = new(StringComparer.Ordinal);

    private static string Collection(string planId) => $"usageplan-keys/{planId}";

    private IReadOnlyList<string> PlansOf(string keyId) =>
        _planKeys.Where(p => p.Value.Contains(keyId)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

    private void Insert(string planId, string keyId, string valueHash)
    {
        Keys(planId).Add(keyId);
        _valueHashes[keyId] = PackedValueHash.From(valueHash);
        Unsaved(planId)[keyId] = valueHash;
    }

    /// <summary>Writes the associations changed since the last commit, one record each.</summary>
    private async Task SaveAssociationsAsync()
    {
        foreach (var planId in _deletedPlans)
        {
            await store.DeleteAsync(Collection(planId));
        }
        _deletedPlans.Clear();
        foreach (var (planId, changes) in _unsaved)
        {
            var added = changes.Where(c => c.Value is not null).Select(c => KeyValuePair.Create(c.Key, Encoding.UTF8.GetBytes(c.Value!))).ToList();
            var removed = changes.Where(c => c.Value is null).Select(c => c.Key).ToList();
            if (added.Count > 0)
            {
                await store.PutAsync(Collection(planId), added);
            }
            if (removed.Count > 0)
            {
                await store.RemoveAsync(Collection(planId), removed);
            }
        }
        _unsaved.Clear();
    }

    /// <summary>The rule "a key is in at most one plan per API stage", checked for <paramref name="keyId"/> joining (or staying in) a plan with <paramref name="stages"/>.</summary>
    private void EnsureNoStageConflict(string planId, IReadOnlyList<UsagePlanApiStage> stages, string keyId)
    {
        foreach (var (otherId, otherKeys) in _planKeys)
        {
            if (otherId == planId || !otherKeys.Contains(keyId))
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
            if (_valueHashes.TryGetValue(keyId, out var hash))
            {
                var plans = PlansOf(keyId);
                if (!hash.IsEmpty)
                {
                    updates.Add((hash.ToString(), keyId, plans));
                }
                if (plans.Count == 0)
                {
                    _valueHashes.Remove(keyId);
                }
            }
        }
        // Associations before the version: a version edges may see is never ahead of what is stored.
        await SaveAssociationsAsync();
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

using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Grains.Waf;

/// <summary>
/// Every WAF entity and stage association. Each change is checked in full before anything is
/// touched, then committed: version bumped, state written, the new version pushed to the edges —
/// so a rejected call changes nothing.
/// </summary>
public sealed partial class WafDirectoryGrain(
    [PersistentState("waf", GrainStorage.Name)] IPersistentState<WafDirectoryState> state,
    ILogger<WafDirectoryGrain> logger) : Grain, IWafDirectoryGrain
{
    private WafDirectoryState S => state.State;

    /// <inheritdoc />
    public Task<WafSnapshot> GetSnapshot()
    {
        var associations = S.Associations
            .Where(a => S.Entities.ContainsKey(a.Value))
            .Select(a => ToAssociation(a.Key, S.Entities[a.Value].Arn))
            .OrderBy(a => a.RestApiId, StringComparer.Ordinal).ThenBy(a => a.StageName, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new WafSnapshot(S.Version, S.Entities.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList(), associations));
    }

    /// <inheritdoc />
    public Task<long> GetVersion() => Task.FromResult(S.Version);

    /// <inheritdoc />
    public async Task<WafEntity> Create(WafEntityDraft draft, string arnPrefix)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrEmpty(arnPrefix);
        if (S.Entities.Values.Any(e => e.Kind == draft.Kind && e.Name == draft.Name))
        {
            throw new WafException(WafErrorType.DuplicateItem, "AWS WAF couldn’t perform the operation because some resource in your request is a duplicate of an existing one.");
        }
        if (S.Entities.Values.Count(e => e.Kind == draft.Kind) >= MaxOf(draft.Kind))
        {
            throw WafException.Limits($"{MaxOf(draft.Kind)} {draft.Kind} entities");
        }
        RequireReferences(draft.References, selfId: null);
        var id = Guid.NewGuid().ToString();
        var entity = new WafEntity(draft.Kind, id, draft.Name, $"{arnPrefix}/{ArnSegment(draft.Kind)}/{draft.Name}/{id}",
            draft.Description, NewLockToken(), draft.Body, draft.References, draft.Capacity);
        S.Entities[id] = entity;
        await CommitAsync();
        Log.Created(logger, draft.Kind, draft.Name, id);
        return entity;
    }

    /// <inheritdoc />
    public Task<WafEntity> Get(WafEntityKind kind, string name, string id) => Task.FromResult(Require(kind, name, id));

    /// <inheritdoc />
    public Task<WafEntity> GetByArn(WafEntityKind kind, string arn) =>
        Task.FromResult(FindByArn(arn) is { } entity && entity.Kind == kind ? entity : throw WafException.Nonexistent());

    /// <inheritdoc />
    public Task<IReadOnlyList<WafEntity>> List(WafEntityKind kind) =>
        Task.FromResult<IReadOnlyList<WafEntity>>(S.Entities.Values.Where(e => e.Kind == kind)
            .OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList());

    /// <inheritdoc />
    public async Task<WafEntity> Update(string id, string lockToken, WafEntityDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var current = Require(draft.Kind, draft.Name, id);
        RequireLockToken(current, lockToken);
        RequireReferences(draft.References, selfId: id);
        var updated = current with
        {
            Description = draft.Description,
            Body = draft.Body,
            References = draft.References,
            Capacity = draft.Capacity,
            LockToken = NewLockToken(),
        };
        S.Entities[id] = updated;
        await CommitAsync();
        return updated;
    }

    /// <inheritdoc />
    public async Task Delete(WafEntityKind kind, string name, string id, string lockToken)
    {
        var entity = Require(kind, name, id);
        RequireLockToken(entity, lockToken);
        var inUse = S.Entities.Values.Any(e => e.References.Contains(entity.Arn, StringComparer.Ordinal))
            || S.Associations.ContainsValue(id);
        if (inUse)
        {
            throw new WafException(WafErrorType.AssociatedItem,
                "AWS WAF couldn’t perform the operation because your resource is being used by another resource or it’s associated with another resource.");
        }
        S.Entities.Remove(id);
        await CommitAsync();
        Log.Deleted(logger, kind, name, id);
    }

    /// <inheritdoc />
    public async Task Associate(string webAclArn, string restApiId, string stageName)
    {
        var acl = FindByArn(webAclArn) is { Kind: WafEntityKind.WebAcl } found ? found : throw WafException.Nonexistent();
        await RequireStageAsync(restApiId, stageName);
        var key = StageKey(restApiId, stageName);
        if (S.Associations.TryGetValue(key, out var existing) && existing == acl.Id)
        {
            return;
        }
        if (!S.Associations.ContainsKey(key) && S.Associations.Count >= WafLimits.MaxAssociations)
        {
            throw WafException.Limits($"{WafLimits.MaxAssociations} associations");
        }
        // One web ACL per stage, as WAF: associating another replaces the first.
        S.Associations[key] = acl.Id;
        await CommitAsync();
        Log.Associated(logger, acl.Name, restApiId, stageName);
    }

    /// <inheritdoc />
    public async Task Disassociate(string restApiId, string stageName)
    {
        if (S.Associations.Remove(StageKey(restApiId, stageName)))
        {
            await CommitAsync();
            Log.Disassociated(logger, restApiId, stageName);
        }
    }

    /// <inheritdoc />
    public async Task DisassociateApi(string restApiId)
    {
        var prefix = StageKey(restApiId, string.Empty);
        var removed = S.Associations.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var key in removed)
        {
            S.Associations.Remove(key);
        }
        if (removed.Count > 0)
        {
            await CommitAsync();
            foreach (var key in removed)
            {
                Log.Disassociated(logger, restApiId, key[prefix.Length..]);
            }
        }
    }

    /// <inheritdoc />
    public async Task<WafEntity?> GetForStage(string restApiId, string stageName)
    {
        if (S.Associations.TryGetValue(StageKey(restApiId, stageName), out var id) && S.Entities.TryGetValue(id, out var acl))
        {
            return acl;
        }
        await RequireStageAsync(restApiId, stageName);
        return null;
    }

    /// <inheritdoc />
    public Task<string?> GetWebAclArnForStage(string restApiId, string stageName) =>
        Task.FromResult(S.Associations.TryGetValue(StageKey(restApiId, stageName), out var id) && S.Entities.TryGetValue(id, out var acl) ? acl.Arn : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<WafAssociation>> ListStages(string webAclArn)
    {
        var acl = FindByArn(webAclArn) is { Kind: WafEntityKind.WebAcl } found ? found : throw WafException.Nonexistent();
        IReadOnlyList<WafAssociation> stages = S.Associations.Where(a => a.Value == acl.Id)
            .Select(a => ToAssociation(a.Key, acl.Arn))
            .OrderBy(a => a.RestApiId, StringComparer.Ordinal).ThenBy(a => a.StageName, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(stages);
    }

    private WafEntity Require(WafEntityKind kind, string name, string id) =>
        S.Entities.TryGetValue(id, out var entity) && entity.Kind == kind && entity.Name == name ? entity : throw WafException.Nonexistent();

    private WafEntity? FindByArn(string arn) => S.Entities.Values.FirstOrDefault(e => e.Arn == arn);

    private static void RequireLockToken(WafEntity entity, string lockToken)
    {
        if (entity.LockToken != lockToken)
        {
            throw new WafException(WafErrorType.OptimisticLock,
                "AWS WAF couldn’t save your changes because someone changed the resource after you started to edit it. Reapply your changes.");
        }
    }

    /// <summary>Every referenced ARN must name an existing entity other than the one being written (no self-reference).</summary>
    private void RequireReferences(IReadOnlyList<string> references, string? selfId)
    {
        foreach (var arn in references)
        {
            if (FindByArn(arn) is not { } target || target.Id == selfId)
            {
                throw new WafException(WafErrorType.NonexistentItem,
                    $"AWS WAF couldn’t perform the operation because your resource doesn’t exist: {arn}");
            }
        }
    }

    private async Task RequireStageAsync(string restApiId, string stageName)
    {
        var api = GrainFactory.GetGrain<IRestApiGrain>(restApiId);
        if (await api.TryGet() is null)
        {
            throw WafException.Nonexistent();
        }
        try
        {
            await api.GetStage(stageName);
        }
        catch (ManagementException exception) when (exception.ErrorType == ManagementErrorType.NotFound)
        {
            throw WafException.Nonexistent();
        }
    }

    private async Task CommitAsync()
    {
        S.Version++;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).PublishWafChanged(S.Version);
    }

    private static string StageKey(string restApiId, string stageName) => $"{restApiId}/{stageName}";

    private static WafAssociation ToAssociation(string stageKey, string webAclArn)
    {
        // Stage keys are "{restApiId}/{stageName}"; API ids never contain '/'.
        var slash = stageKey.IndexOf('/', StringComparison.Ordinal);
        return new WafAssociation(stageKey[..slash], stageKey[(slash + 1)..], webAclArn);
    }

    private static string NewLockToken() => Guid.NewGuid().ToString();

    private static int MaxOf(WafEntityKind kind) => kind switch
    {
        WafEntityKind.WebAcl => WafLimits.MaxWebAcls,
        WafEntityKind.IpSet => WafLimits.MaxIpSets,
        WafEntityKind.RegexPatternSet => WafLimits.MaxRegexPatternSets,
        _ => WafLimits.MaxRuleGroups,
    };

    /// <summary>The ARN segment WAFv2 uses for each kind.</summary>
    public static string ArnSegment(WafEntityKind kind) => kind switch
    {
        WafEntityKind.WebAcl => "webacl",
        WafEntityKind.IpSet => "ipset",
        WafEntityKind.RegexPatternSet => "regexpatternset",
        _ => "rulegroup",
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "WAF {Kind} {Name} ({Id}) created")]
        public static partial void Created(ILogger logger, WafEntityKind kind, string name, string id);

        [LoggerMessage(2, LogLevel.Information, "WAF {Kind} {Name} ({Id}) deleted")]
        public static partial void Deleted(ILogger logger, WafEntityKind kind, string name, string id);

        [LoggerMessage(3, LogLevel.Information, "Web ACL {Name} associated with stage {RestApiId}/{StageName}")]
        public static partial void Associated(ILogger logger, string name, string restApiId, string stageName);

        [LoggerMessage(4, LogLevel.Information, "Stage {RestApiId}/{StageName} disassociated from its web ACL")]
        public static partial void Disassociated(ILogger logger, string restApiId, string stageName);
    }
}

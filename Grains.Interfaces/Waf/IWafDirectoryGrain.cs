using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.Waf;

/// <summary>
/// The single authority for every web ACL, IP set, regex pattern set, rule group and stage
/// association (key <see cref="Key"/>). WAF's quotas keep these to a few hundred entities, so one
/// grain holds them all, which makes names, lock tokens and "in use" checks race-free. Each change
/// bumps the version and is pushed (version only) to the edges through the catalog.
/// Failures the caller must see are thrown as <see cref="WafException"/>.
/// </summary>
[Alias("og.IWafDirectoryGrain")]
public interface IWafDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    const string Key = "waf";

    /// <summary>What the edges compile; called on every push and refresh.</summary>
    [Alias("GetSnapshot"), ReadOnly]
    Task<WafSnapshot> GetSnapshot();

    /// <summary>The current version only (the edges' periodic check).</summary>
    [Alias("GetVersion"), ReadOnly]
    Task<long> GetVersion();

    /// <summary>Creates an entity named <see cref="WafEntityDraft.Name"/>; its ARN is <paramref name="arnPrefix"/>/kind/name/id.</summary>
    [Alias("Create")]
    Task<WafEntity> Create(WafEntityDraft draft, string arnPrefix);

    /// <summary>The entity with this kind, name and id; WAFNonexistentItemException otherwise.</summary>
    [Alias("Get"), ReadOnly]
    Task<WafEntity> Get(WafEntityKind kind, string name, string id);

    /// <summary>The entity with this ARN; WAFNonexistentItemException otherwise.</summary>
    [Alias("GetByArn"), ReadOnly]
    Task<WafEntity> GetByArn(WafEntityKind kind, string arn);

    /// <summary>Every entity of a kind, by name then id.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<WafEntity>> List(WafEntityKind kind);

    /// <summary>Replaces an entity's fields if <paramref name="lockToken"/> is current; returns the updated entity (with its next lock token).</summary>
    [Alias("Update")]
    Task<WafEntity> Update(string id, string lockToken, WafEntityDraft draft);

    /// <summary>Deletes an entity if the lock token is current and nothing references or uses it.</summary>
    [Alias("Delete")]
    Task Delete(WafEntityKind kind, string name, string id, string lockToken);

    /// <summary>Associates a web ACL with a stage, replacing any previous association of that stage.</summary>
    [Alias("Associate")]
    Task Associate(string webAclArn, string restApiId, string stageName);

    /// <summary>Removes a stage's association (nothing if it has none).</summary>
    [Alias("Disassociate")]
    Task Disassociate(string restApiId, string stageName);

    /// <summary>Removes the associations of every stage of an API (it was deleted).</summary>
    [Alias("DisassociateApi")]
    Task DisassociateApi(string restApiId);

    /// <summary>The web ACL protecting a stage, or null; WAFNonexistentItemException if the stage does not exist.</summary>
    [Alias("GetForStage")]
    Task<WafEntity?> GetForStage(string restApiId, string stageName);

    /// <summary>The ARN of the web ACL protecting a stage, or null (no check that the stage exists: GetStage's <c>webAclArn</c>).</summary>
    [Alias("GetWebAclArnForStage"), ReadOnly]
    Task<string?> GetWebAclArnForStage(string restApiId, string stageName);

    /// <summary>The stages a web ACL protects.</summary>
    [Alias("ListStages"), ReadOnly]
    Task<IReadOnlyList<WafAssociation>> ListStages(string webAclArn);
}

using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Interfaces.UsagePlans;

/// <summary>
/// The single authority for every usage plan and every plan ↔ key association (key
/// <see cref="Key"/>). Plans are few (API Gateway allows 300 per account), so one grain holds them
/// all; serialising every association change here is what makes "a key is in at most one plan per
/// API stage" race-free. Each change bumps the version and is pushed to the edges through the
/// catalog (<c>IApiCatalogGrain.PublishUsagePlans</c>).
/// Failures the caller must see are thrown as <see cref="ManagementException"/>.
/// </summary>
[Alias("og.IUsagePlanDirectoryGrain")]
public interface IUsagePlanDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    const string Key = "plans";

    /// <summary>What the edges compile; cheap, called on every push and refresh.</summary>
    [Alias("GetSnapshot"), ReadOnly]
    Task<UsagePlanSnapshot> GetSnapshot();

    /// <summary>The current version only (the edges' periodic check).</summary>
    [Alias("GetVersion"), ReadOnly]
    Task<long> GetVersion();

    /// <summary>Ids of the API keys in plan <paramref name="planId"/>; 404 if the plan does not exist.</summary>
    [Alias("GetPlanKeyIds"), ReadOnly]
    Task<IReadOnlyList<string>> GetPlanKeyIds(string planId);

    /// <summary>
    /// Up to <paramref name="limit"/> ids of plan <paramref name="planId"/>'s keys ordinally after
    /// <paramref name="afterId"/> (from the first when null), in id order: one page, so listing a
    /// plan of a million keys does not ship every id per page. 404 if the plan does not exist.
    /// </summary>
    [Alias("GetPlanKeyIdsAfter"), ReadOnly]
    Task<IReadOnlyList<string>> GetPlanKeyIdsAfter(string planId, string? afterId, int limit);

    /// <summary>Whether key <paramref name="keyId"/> is in plan <paramref name="planId"/>; 404 if the plan does not exist.</summary>
    [Alias("HasPlanKey"), ReadOnly]
    Task<bool> HasPlanKey(string planId, string keyId);

    /// <summary>CreateUsagePlan; 400 for invalid limits or unknown API stages.</summary>
    [Alias("Create")]
    Task<UsagePlan> Create(UsagePlanCreation creation);

    /// <summary>GetUsagePlan; 404 if unknown.</summary>
    [Alias("Get"), ReadOnly]
    Task<UsagePlan> Get(string planId);

    /// <summary>Every plan, by id; only those containing <paramref name="keyId"/> when given.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<UsagePlan>> List(string? keyId);

    /// <summary>UpdateUsagePlan: applies v1 patch operations all-or-nothing.</summary>
    [Alias("Update")]
    Task<UsagePlan> Update(string planId, IReadOnlyList<PatchOperation> operations);

    /// <summary>DeleteUsagePlan; 400 while API stages are still associated (as API Gateway answers).</summary>
    [Alias("Delete")]
    Task Delete(string planId);

    /// <summary>CreateUsagePlanKey; 404 for an unknown plan or key, 409 if the key is already in the plan or in another plan for one of its API stages.</summary>
    [Alias("AddKey")]
    Task AddKey(string planId, string keyId);

    /// <summary>
    /// Adds already-existing keys to a plan (ImportApiKeys' UsagePlanIds column). Keys that would
    /// break a rule are skipped and reported in the returned warnings.
    /// </summary>
    [Alias("AddKeys")]
    Task<IReadOnlyList<string>> AddKeys(string planId, IReadOnlyList<string> keyIds);

    /// <summary>DeleteUsagePlanKey; 404 if the plan or the association does not exist.</summary>
    [Alias("RemoveKey")]
    Task RemoveKey(string planId, string keyId);

    /// <summary>Removes a key from every plan (DeleteApiKey).</summary>
    [Alias("RemoveKeyEverywhere")]
    Task RemoveKeyEverywhere(string keyId);

    /// <summary>Ids of the plans containing <paramref name="keyId"/>.</summary>
    [Alias("GetKeyPlanIds"), ReadOnly]
    Task<IReadOnlyList<string>> GetKeyPlanIds(string keyId);
}

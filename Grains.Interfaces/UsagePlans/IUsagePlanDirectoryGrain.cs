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
}

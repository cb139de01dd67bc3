using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.ConfigHistory;

/// <summary>
/// The configuration history of one resource (key <c>{resourceType}|{resourceId}</c>): every change
/// with before and after, newest kept up to a bound. Persisted, so history outlives the silo.
/// </summary>
[Alias("og.IConfigHistoryGrain")]
public interface IConfigHistoryGrain : IGrainWithStringKey
{
    /// <summary>Most items kept per resource; older ones are dropped.</summary>
    const int MaxItems = 200;

    /// <summary>The grain key of a resource.</summary>
    static string KeyFor(string resourceType, string resourceId) => resourceType + "|" + resourceId;

    /// <summary>Records a change (the previous item's state becomes its "before") and updates the inventory; returns the new item.</summary>
    [Alias("Record")]
    Task<ConfigurationItem> Record(ConfigurationChange change);

    /// <summary>Items, newest first, captured in [<paramref name="earlier"/>, <paramref name="later"/>].</summary>
    [Alias("History"), ReadOnly]
    Task<IReadOnlyList<ConfigurationItem>> History(DateTimeOffset? earlier, DateTimeOffset? later);
}

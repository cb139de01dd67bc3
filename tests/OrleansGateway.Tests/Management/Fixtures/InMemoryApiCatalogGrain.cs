using OrleansGateway.Grains.Interfaces.Configuration;

namespace OrleansGateway.Tests.Management.Fixtures;

/// <summary>
/// Stand-in for the real catalog grain while it does not exist in this branch; removed from the
/// test silo as soon as a real <see cref="IApiCatalogGrain"/> implementation is present
/// (see <see cref="GrainDoubles"/>). Keeps only the set of ids; pushes nothing.
/// </summary>
public sealed class InMemoryApiCatalogGrain : Grain, IApiCatalogGrain
{
    private readonly SortedDictionary<string, long> _versions = new(StringComparer.Ordinal);

    public Task Publish(string apiId, long version)
    {
        _versions[apiId] = version;
        return Task.CompletedTask;
    }

    public Task Remove(string apiId, long version)
    {
        _versions.Remove(apiId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListApis() => Task.FromResult<IReadOnlyList<string>>([.. _versions.Keys]);

    public Task<IReadOnlyDictionary<string, long>> Subscribe(string edgeId, IConfigObserver observer) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(_versions));

    public Task Unsubscribe(string edgeId, IConfigObserver observer) => Task.CompletedTask;
}

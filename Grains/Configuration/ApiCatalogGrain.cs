using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Interfaces.Configuration;

namespace OrleansGateway.Grains.Configuration;

/// <summary>
/// Knows every API's serving version and which edges to tell about changes
/// (<see cref="EdgeRegistrations{TObserver}"/>: soft state, refreshed by the edges).
/// </summary>
public sealed class ApiCatalogGrain(
    [PersistentState("catalog", GrainStorage.Name)] IPersistentState<ApiCatalogState> state,
    TimeProvider clock,
    ILogger<ApiCatalogGrain> logger) : Grain, IApiCatalogGrain
{
    /// <summary>How long an edge registration lives without a refresh.</summary>
    internal static readonly TimeSpan RegistrationLifetime = TimeSpan.FromSeconds(30);

    private readonly EdgeRegistrations<IConfigObserver> _edges = new(RegistrationLifetime, clock, logger);
    private readonly ApiKeyChangeLog _keyChanges = new(Random.Shared.NextInt64(1, long.MaxValue));

    /// <inheritdoc />
    public async Task Publish(string apiId, long version)
    {
        if (state.State.Versions.TryGetValue(apiId, out var known) && known >= version)
        {
            return;
        }
        state.State.Versions[apiId] = version;
        await state.WriteStateAsync();
        NotifyEdges(apiId, version);
    }

    /// <inheritdoc />
    public async Task Remove(string apiId, long version)
    {
        if (state.State.Versions.Remove(apiId))
        {
            await state.WriteStateAsync();
        }
        NotifyEdges(apiId, version);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListApis()
    {
        IReadOnlyList<string> ids = state.State.Versions.Keys.Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(ids);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> Subscribe(string edgeId, IConfigObserver observer)
    {
        _edges.Register(edgeId, observer);
        IReadOnlyDictionary<string, long> versions = new Dictionary<string, long>(state.State.Versions);
        return Task.FromResult(versions);
    }

    /// <inheritdoc />
    public Task Unsubscribe(string edgeId, IConfigObserver observer)
    {
        _edges.Remove(edgeId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PublishUsagePlans(long version)
    {
        NotifyEdges("usage plans", observer => observer.OnUsagePlansChanged(version));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PublishApiKeyChange(string valueHash)
    {
        var stamp = _keyChanges.Append(valueHash);
        NotifyEdges("an API key", observer => observer.OnApiKeyChanged(valueHash, stamp));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ApiKeyChanges> GetApiKeyChangesSince(ApiKeyChangeStamp? since) => Task.FromResult(_keyChanges.Since(since));

    /// <inheritdoc />
    public Task PublishIamChange(string accessKeyId)
    {
        NotifyEdges("an IAM access key", observer => observer.OnIamChanged(accessKeyId));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PublishClientCertificateChange(string certificateId)
    {
        NotifyEdges("a client certificate", observer => observer.OnClientCertificateChanged(certificateId));
        return Task.CompletedTask;
    }

    public Task PublishWafChanged(long version)
    {
        NotifyEdges("the WAF", observer => observer.OnWafChanged(version));
        return Task.CompletedTask;
    }

    private void NotifyEdges(string apiId, long version) =>
        NotifyEdges($"API {apiId}", observer => observer.OnApiChanged(apiId, version));

    private void NotifyEdges(string what, Func<IConfigObserver, Task> push) => _edges.Notify(what, push);
}

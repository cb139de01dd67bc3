using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Interfaces.Configuration;

namespace OrleansGateway.Grains.Configuration;

/// <summary>
/// Knows every API's serving version and which edges to tell about changes. Edge registrations
/// are soft state: an edge refreshes its registration every few seconds, so registrations lost
/// with a silo come back on their own, and an edge that stops refreshing expires.
/// </summary>
public sealed partial class ApiCatalogGrain(
    [PersistentState("catalog", GrainStorage.Name)] IPersistentState<ApiCatalogState> state,
    TimeProvider clock,
    ILogger<ApiCatalogGrain> logger) : Grain, IApiCatalogGrain
{
    /// <summary>How long an edge registration lives without a refresh.</summary>
    internal static readonly TimeSpan RegistrationLifetime = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Registration> _edges = new(StringComparer.Ordinal);

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
        _edges[edgeId] = new Registration(observer, clock.GetUtcNow() + RegistrationLifetime);
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
        NotifyEdges("an API key", observer => observer.OnApiKeyChanged(valueHash));
        return Task.CompletedTask;
    }

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

    /// <summary>
    /// Pushes without awaiting: a dead edge must not hold up a management call for a response
    /// timeout. A push that fails is repaired by the edge's periodic re-subscription.
    /// </summary>
    private void NotifyEdges(string apiId, long version) =>
        NotifyEdges($"API {apiId}", observer => observer.OnApiChanged(apiId, version));

    private void NotifyEdges(string what, Func<IConfigObserver, Task> push)
    {
        var now = clock.GetUtcNow();
        foreach (var (edgeId, registration) in _edges.ToList())
        {
            if (registration.ExpiresAt < now)
            {
                _edges.Remove(edgeId);
                Log.EdgeExpired(logger, edgeId);
                continue;
            }
            _ = PushAsync(edgeId, registration.Observer, what, push);
        }
    }

    private async Task PushAsync(string edgeId, IConfigObserver observer, string what, Func<IConfigObserver, Task> push)
    {
        try
        {
            await push(observer);
        }
        catch (Exception ex)
        {
            Log.PushFailed(logger, ex, edgeId, what);
        }
    }

    private sealed record Registration(IConfigObserver Observer, DateTimeOffset ExpiresAt);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Edge {EdgeId} registration expired")]
        public static partial void EdgeExpired(ILogger logger, string edgeId);

        [LoggerMessage(2, LogLevel.Warning, "Push of {What} to edge {EdgeId} failed; the edge will catch up on its next refresh")]
        public static partial void PushFailed(ILogger logger, Exception exception, string edgeId, string what);
    }
}

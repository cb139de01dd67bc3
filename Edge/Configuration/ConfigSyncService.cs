using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Edge.UsagePlans;

namespace OrleansGateway.Edge.Configuration;

/// <summary>
/// Keeps the routing tables in step with the grains. Grains push version numbers; this loop pulls
/// the new serving config and installs it. Every refresh interval it re-registers the observer
/// (registrations are soft state in the catalog) and compares every version, and asks for the API
/// key changes since the last one applied, which repairs any lost push. The data plane serves only
/// after the first full sync.
/// </summary>
internal sealed partial class ConfigSyncService(
    IClusterClient client,
    RoutingTableStore routes,
    UsagePlanTableStore plans,
    ApiKeyResolver keys,
    ApiKeyChangeTracker keyChanges,
    ConfigChangeSignal signal,
    Waf.WafStateStore waf,
    IOptions<ConfigSyncOptions> options,
    EdgeIdentity edge,
    ILogger<ConfigSyncService> logger) : BackgroundService
{
    private IConfigObserver? _observerReference;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.ApiKeyChanged += (valueHash, stamp) =>
        {
            if (keyChanges.OnPushed(valueHash, stamp))
            {
                signal.RequestApiKeyCatchUp();
            }
        };
        _observerReference = client.CreateObjectReference<IConfigObserver>(signal);
        var catalog = client.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key);
        var refreshDue = DateTime.MinValue;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTime.UtcNow >= refreshDue)
                {
                    var versions = await catalog.Subscribe(edge.Id, _observerReference);
                    await CatchUpAsync(versions, stoppingToken);
                    await PullUsagePlansAsync(-1);
                    // Also re-arms the on-demand catch-up, in case its queued request was dropped by a flood.
                    await CatchUpApiKeysAsync(catalog);
                    if (!routes.IsReady)
                    {
                        // Web ACLs first: a stage must not serve before its web ACL is known (WafSyncService loads it).
                        await waf.Loaded.WaitAsync(options.Value.CatchUpWait, stoppingToken);
                        routes.MarkReady();
                        Log.Ready(logger, edge.Id, versions.Count);
                    }
                    refreshDue = DateTime.UtcNow + options.Value.RefreshInterval;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(Max(refreshDue - DateTime.UtcNow, TimeSpan.Zero));
                try
                {
                    await signal.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    continue; // refresh due
                }

                while (signal.Reader.TryRead(out var change))
                {
                    if (change.ApiId is null)
                    {
                        // After a reconnect: key changes may have been pushed while we were away.
                        keys.InvalidateAll();
                        refreshDue = DateTime.MinValue;
                    }
                    else if (change.ApiId == ConfigChange.UsagePlansId)
                    {
                        await PullUsagePlansAsync(change.Version);
                    }
                    else if (change.ApiId == ConfigChange.ApiKeysId)
                    {
                        await CatchUpApiKeysAsync(catalog);
                    }
                    else if (change.Version > routes.VersionOf(change.ApiId))
                    {
                        await PullAsync(change.ApiId);
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster is unreachable or a pull failed: keep serving what we have and retry soon.
                Log.SyncFailed(logger, ex);
                refreshDue = DateTime.UtcNow + TimeSpan.FromSeconds(1);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_observerReference is not null)
        {
            try
            {
                await client.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).Unsubscribe(edge.Id, _observerReference)
                    .WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex)
            {
                Log.UnsubscribeFailed(logger, ex);
            }
            client.DeleteObjectReference<IConfigObserver>(_observerReference);
        }
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Applies the API key changes since the last one applied (a gap was noticed, or the periodic refresh).</summary>
    private async Task CatchUpApiKeysAsync(IApiCatalogGrain catalog)
    {
        // From here a newly noticed gap needs another catch-up.
        signal.ApiKeyCatchUpStarted();
        keyChanges.OnCaughtUp(await catalog.GetApiKeyChangesSince(keyChanges.Applied));
    }

    private async Task CatchUpAsync(IReadOnlyDictionary<string, long> versions, CancellationToken cancellationToken)
    {
        var stale = versions.Where(v => v.Value > routes.VersionOf(v.Key)).Select(v => v.Key).ToList();
        await Parallel.ForEachAsync(stale,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentPulls, CancellationToken = cancellationToken },
            async (apiId, _) => await PullAsync(apiId));

        foreach (var apiId in routes.ApiIds.Where(id => !versions.ContainsKey(id)).ToList())
        {
            routes.Remove(apiId);
            Log.Removed(logger, apiId);
        }
    }

    /// <summary>Pulls the plans if the directory is ahead of the installed table (<paramref name="pushed"/> = -1: ask it).</summary>
    private async Task PullUsagePlansAsync(long pushed)
    {
        var directory = client.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key);
        var version = pushed >= 0 ? pushed : await directory.GetVersion();
        if (version <= plans.Current.Version)
        {
            return;
        }
        var snapshot = await directory.GetSnapshot();
        if (plans.Apply(UsagePlanTable.Build(snapshot)))
        {
            Log.PlansInstalled(logger, snapshot.Version, snapshot.Plans.Count);
        }
    }

    private async Task PullAsync(string apiId)
    {
        var config = await client.GetGrain<IRestApiGrain>(apiId).GetServingConfig();
        if (routes.Apply(config))
        {
            Log.Installed(logger, apiId, config.Version, config.Stages.Count);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Edge {EdgeId} synced with the cluster ({ApiCount} APIs); serving")]
        public static partial void Ready(ILogger logger, string edgeId, int apiCount);

        [LoggerMessage(2, LogLevel.Information, "API {ApiId} version {Version} installed ({StageCount} stages)")]
        public static partial void Installed(ILogger logger, string apiId, long version, int stageCount);

        [LoggerMessage(3, LogLevel.Information, "API {ApiId} removed")]
        public static partial void Removed(ILogger logger, string apiId);

        [LoggerMessage(4, LogLevel.Warning, "Configuration sync failed; retrying")]
        public static partial void SyncFailed(ILogger logger, Exception exception);

        [LoggerMessage(6, LogLevel.Information, "Usage plans version {Version} installed ({PlanCount} plans)")]
        public static partial void PlansInstalled(ILogger logger, long version, int planCount);

        [LoggerMessage(5, LogLevel.Debug, "Unsubscribe at shutdown failed")]
        public static partial void UnsubscribeFailed(ILogger logger, Exception exception);
    }
}

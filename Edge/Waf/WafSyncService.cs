using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Waf;

/// <summary>
/// Keeps <see cref="WafStateStore"/> in step with the WAF directory grain, off the request path:
/// it pulls one snapshot at start, on every pushed version newer than the installed one, after a
/// reconnect, and whenever the periodic check (the config sync's refresh interval) finds the
/// directory ahead — which repairs a lost push.
/// </summary>
internal sealed partial class WafSyncService(
    IClusterClient client,
    WafStateStore store,
    ConfigChangeSignal signal,
    IOptions<ConfigSyncOptions> options,
    WafCompileOptions compileOptions,
    ILogger<WafSyncService> logger) : BackgroundService
{
    /// <summary>Pushed versions (or 0 for "ask the directory"); only the newest matters, so one slot suffices.</summary>
    private readonly Channel<long> _wakeups = Channel.CreateBounded<long>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.WafChanged += OnPushed;
        signal.FullSyncRequested += OnFullSync;
        try
        {
            long pushed = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PullAsync(pushed);
                    pushed = await WaitAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The cluster is unreachable: keep enforcing what we have and retry soon.
                    Log.SyncFailed(logger, ex);
                    pushed = 0;
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            signal.WafChanged -= OnPushed;
            signal.FullSyncRequested -= OnFullSync;
        }
    }

    private void OnPushed(long version) => _wakeups.Writer.TryWrite(version);

    private void OnFullSync() => _wakeups.Writer.TryWrite(0);

    /// <summary>The next pushed version, or 0 when the refresh interval passes first.</summary>
    private async Task<long> WaitAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(options.Value.RefreshInterval);
        try
        {
            return await _wakeups.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>Pulls a snapshot if the directory is ahead (<paramref name="pushed"/> = 0: ask it for its version first).</summary>
    private async Task PullAsync(long pushed)
    {
        var directory = client.GetGrain<IWafDirectoryGrain>(IWafDirectoryGrain.Key);
        var version = pushed > 0 ? pushed : await directory.GetVersion();
        if (version <= store.Current.Version)
        {
            store.MarkLoaded();
            return;
        }
        var snapshot = await directory.GetSnapshot();
        // Compiled here, off the request path; requests only ever see a finished state.
        var state = WafState.Compile(snapshot, store.Current, compileOptions);
        foreach (var failure in state.Failures)
        {
            Log.CompileFailed(logger, failure.WebAclArn, failure.Reason);
        }
        if (store.Apply(state))
        {
            Log.Installed(logger, snapshot.Version, snapshot.Entities.Count, snapshot.Associations.Count);
        }
        store.MarkLoaded();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1451, Level = LogLevel.Information, Message = "WAF version {Version} installed ({EntityCount} entities, {AssociationCount} stage associations)")]
        public static partial void Installed(ILogger logger, long version, int entityCount, int associationCount);

        [LoggerMessage(EventId = 1453, Level = LogLevel.Error, Message = "Web ACL {WebAclArn} does not compile on this edge; its previous version stays in force: {Reason}")]
        public static partial void CompileFailed(ILogger logger, string webAclArn, string reason);

        [LoggerMessage(EventId = 1452, Level = LogLevel.Warning, Message = "WAF sync failed; retrying")]
        public static partial void SyncFailed(ILogger logger, Exception exception);
    }
}

using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// The leases' background work, off the request path: flushes usage counts every second and evicts
/// idle leases. On shutdown it flushes once more and gives back every lease, so a stopping edge
/// strands no quota units and loses no counts.
/// </summary>
internal sealed partial class LeaseMaintenanceService(
    UsageRecorder recorder,
    ThrottleLeases throttles,
    QuotaLeases quotas,
    IOptions<UsageLeaseOptions> options,
    TimeProvider clock,
    ILogger<LeaseMaintenanceService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.MeterFlushInterval, clock);
        var lastEviction = clock.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunSafelyAsync(recorder.FlushAsync);
                // Idle quota leases go back before the grain would forfeit them: idle for QuotaIdleRelease
                // and expiring soon. A standing grant (minutes) is kept until then, not evicted after
                // IdleLeaseLifetime: a key seen every half minute or so would otherwise wait for a quota
                // call on nearly every request. Memory stays bounded by the keys seen within a standing
                // grant's lifetime, and by MaxQuotaLeases.
                await RunSafelyAsync(() => quotas.EvictIdleAsync(settings.QuotaIdleRelease, settings.QuotaIdleRelease + TimeSpan.FromSeconds(3)));
                await RunSafelyAsync(() => quotas.EvictOverflowAsync(settings.MaxQuotaLeases, settings.QuotaIdleRelease));
                if (clock.GetElapsedTime(lastEviction) >= settings.IdleLeaseLifetime / 3)
                {
                    lastEviction = clock.GetTimestamp();
                    await RunSafelyAsync(() => throttles.EvictIdleAsync(settings.IdleLeaseLifetime));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the final flush below runs in StopAsync.
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RunSafelyAsync(() => quotas.EvictIdleAsync(TimeSpan.Zero));
        await RunSafelyAsync(() => throttles.EvictIdleAsync(TimeSpan.Zero));
        await RunSafelyAsync(recorder.FlushAsync);
    }

    private async Task RunSafelyAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.MaintenanceFailed(logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Lease maintenance (usage flush or lease eviction) failed; it runs again on the next tick.")]
        public static partial void MaintenanceFailed(ILogger logger, Exception exception);
    }
}

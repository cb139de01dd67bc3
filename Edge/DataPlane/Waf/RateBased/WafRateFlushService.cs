using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>
/// Flushes the rate counts every <see cref="WafRateOptions.FlushInterval"/>, off the request path;
/// on shutdown sends the last counts and gives back every allowance, so a stopping edge loses nothing.
/// </summary>
internal sealed partial class WafRateFlushService(
    WafRateCounter counter, IOptions<WafRateOptions> options, TimeProvider clock, ILogger<WafRateFlushService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunSafelyAsync(counter.FlushAsync);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last flush runs in StopAsync.
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RunSafelyAsync(counter.ReleaseAllAsync);
    }

    private async Task RunSafelyAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.FlushFailed(logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "WAF rate counts could not be flushed; they go with the next flush.")]
        public static partial void FlushFailed(ILogger logger, Exception exception);
    }
}

using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Waf.RateBased;

namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>Calls <see cref="IWafRateShardGrain"/>s, counting every call (the "calls per second" in the docs).</summary>
internal sealed partial class WafRateShardClient(IGrainFactory grains, ILogger<WafRateShardClient> logger) : IWafRateShardClient
{
    private long _calls;

    /// <summary>Grain calls made so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <inheritdoc />
    public async Task<WafRateReply?> TryReportAsync(string shardKey, WafRateReport report)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            return await grains.GetGrain<IWafRateShardGrain>(shardKey).Report(new Immutable<WafRateReport>(report));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.ReportFailed(logger, shardKey, exception);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "WAF rate shard {ShardKey} could not be reached; this edge counts its keys on its own until the grain answers again.")]
        public static partial void ReportFailed(ILogger logger, string shardKey, Exception exception);
    }
}

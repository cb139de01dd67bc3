using OrleansGateway.Grains.Interfaces.Waf.RateBased;

namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>The rate shards as the counter calls them: a failure is a null answer, never an exception.</summary>
internal interface IWafRateShardClient
{
    /// <summary>The shard's answer to <paramref name="report"/>, or null when it could not be reached.</summary>
    Task<WafRateReply?> TryReportAsync(string shardKey, WafRateReport report);
}

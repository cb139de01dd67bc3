using Polly;
using Polly.Retry;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>
/// Retries for the writes of a bulk import. One ImportApiKeys call makes tens of thousands of grain
/// writes; on a busy machine one Redis write in hundreds of thousands timed out (a 1,000,000-key
/// import failed at key 620,000 while Redis forked to snapshot), and one timeout failed the whole
/// call. Every write retried here is idempotent: a key's import under its own id, a listing put,
/// joining a plan the key may already be in.
/// </summary>
internal static class ImportStorageRetry
{
    /// <summary>Three more attempts, 0.5 s, 1 s, 2 s apart (jittered), for storage and timeout failures only.</summary>
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TimeoutException>().Handle<OrleansException>(e => e is not OrleansMessageRejectionException),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}

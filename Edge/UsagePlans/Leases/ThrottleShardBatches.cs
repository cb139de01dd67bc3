using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Limits;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// Coalesces this edge's lease calls for per-client buckets into one call per throttle shard: at
/// most one call per shard is in flight, and a shard is sent at most once per
/// <see cref="UsageLeaseOptions.ThrottleBatchInterval"/> unless a request is waiting for one of its
/// buckets (then at once). So grain calls scale with shards, not with keys: 100,000 slow keys cost
/// the same few hundred calls a second as ten busy ones.
/// </summary>
internal sealed partial class ThrottleShardBatches(
    IGrainFactory grains, string edgeId, TimeSpan interval, TimeSpan callTimeout, TimeProvider clock, ILogger logger)
{
    private readonly Shard[] _shards = CreateShards();

    /// <summary>Queues one bucket's entry; completes with its grant, or null when the shard could not be reached.</summary>
    public Task<ThrottleGrant?> LeaseAsync(ThrottleBucketLease entry, bool urgent)
    {
        var pending = new PendingLease(entry);
        var shard = _shards[ThrottleShards.ShardOf(entry.BucketKey)];
        lock (shard.Gate)
        {
            shard.Pending.Add(pending);
            shard.Urgent |= urgent;
        }
        Dispatch(shard, timerFired: false, onRequestPath: true);
        return pending.Completion.Task;
    }

    /// <summary>A request waits for <paramref name="bucketKey"/>'s renewal: send its shard without waiting for the interval.</summary>
    public void Expedite(string bucketKey)
    {
        var shard = _shards[ThrottleShards.ShardOf(bucketKey)];
        lock (shard.Gate)
        {
            if (shard.Pending.Count == 0)
            {
                return;
            }
            shard.Urgent = true;
        }
        Dispatch(shard, timerFired: false, onRequestPath: true);
    }

    private void Dispatch(Shard shard, bool timerFired, bool onRequestPath = false)
    {
        List<PendingLease>? batch = null;
        TimeSpan wait = TimeSpan.Zero;
        lock (shard.Gate)
        {
            if (timerFired)
            {
                shard.TimerArmed = false;
            }
            if (shard.InFlight || shard.Pending.Count == 0)
            {
                // The call in flight dispatches again when it returns.
                return;
            }
            var sinceLast = clock.GetElapsedTime(shard.LastSentAt);
            if (shard.Urgent || timerFired || sinceLast >= interval)
            {
                batch = TakeBatch(shard);
            }
            else if (!shard.TimerArmed)
            {
                shard.TimerArmed = true;
                wait = interval - sinceLast;
            }
        }
        if (batch is not null)
        {
            if (onRequestPath)
            {
                // A request's renewal may be queued from the request's own stack (ThrottleLease), so the
                // call itself (serialising up to MaxBatch buckets) goes to the thread pool: once per batch,
                // not per request.
                ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Batches.SendAsync(state.Shard, state.Batch), (Batches: this, Shard: shard, Batch: batch), preferLocal: false);
            }
            else
            {
                _ = SendAsync(shard, batch);
            }
        }
        else if (wait > TimeSpan.Zero)
        {
            _ = DispatchAfterAsync(shard, wait);
        }
    }

    private List<PendingLease> TakeBatch(Shard shard)
    {
        List<PendingLease> batch;
        if (shard.Pending.Count <= ThrottleShards.MaxBatch)
        {
            batch = shard.Pending;
            shard.Pending = [];
            shard.Urgent = false;
        }
        else
        {
            // The rest goes as soon as this call returns (still marked urgent if it was).
            batch = shard.Pending.GetRange(0, ThrottleShards.MaxBatch);
            shard.Pending.RemoveRange(0, ThrottleShards.MaxBatch);
        }
        shard.InFlight = true;
        shard.LastSentAt = clock.GetTimestamp();
        return batch;
    }

    private async Task DispatchAfterAsync(Shard shard, TimeSpan wait)
    {
        // Real time even under a test's fake clock: the interval only paces calls, it decides nothing.
        await Task.Delay(wait);
        Dispatch(shard, timerFired: true);
    }

    private async Task SendAsync(Shard shard, List<PendingLease> batch)
    {
        try
        {
            LeaseCallCounter.CountThrottleCall();
            var entries = new ThrottleBucketLease[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                entries[i] = batch[i].Entry;
            }
            var reply = await grains.GetGrain<IThrottleShardGrain>(ThrottleShards.KeyOf(shard.Index))
                .Lease(new Immutable<ThrottleShardLeaseRequest>(new ThrottleShardLeaseRequest(edgeId, entries)))
                .WaitAsync(callTimeout);
            if (reply.Grants.Count != batch.Count)
            {
                throw new InvalidOperationException($"Throttle shard answered {reply.Grants.Count} grants for {batch.Count} buckets.");
            }
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(reply.Grants[i]);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.ShardLeaseFailed(logger, shard.Index, batch.Count, exception);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetResult(null);
            }
        }
        finally
        {
            lock (shard.Gate)
            {
                shard.InFlight = false;
            }
            Dispatch(shard, timerFired: false);
        }
    }

    private static Shard[] CreateShards()
    {
        var shards = new Shard[ThrottleShards.Count];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = new Shard(i);
        }
        return shards;
    }

    private sealed class Shard(int index)
    {
        public int Index { get; } = index;
        public Lock Gate { get; } = new();
        public List<PendingLease> Pending { get; set; } = [];
        public bool Urgent { get; set; }
        public bool InFlight { get; set; }
        public bool TimerArmed { get; set; }
        public long LastSentAt { get; set; }
    }

    private sealed class PendingLease(ThrottleBucketLease entry)
    {
        public ThrottleBucketLease Entry { get; } = entry;

        // Synchronous continuations: the batch's sender completes hundreds of these in a row, and the
        // continuation is a lease applying its grant (a few field writes). A hop per bucket doubled the
        // edge's thread-pool work with 100,000 keys in use; requests waiting for a renewal resume on the
        // thread pool on their own (ThrottleLease.WaitForTokenAsync).
        public TaskCompletionSource<ThrottleGrant?> Completion { get; } = new();
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Warning, "Throttle shard {Shard} lease batch of {Count} buckets failed; those buckets admit up to their configured rate on this edge alone until the grain answers again.")]
        public static partial void ShardLeaseFailed(ILogger logger, int shard, int count, Exception exception);
    }
}

using OrleansGateway.Grains.Configuration;
using OrleansGateway.Grains.Interfaces.Configuration;

namespace OrleansGateway.Tests.ApiKeys;

public sealed class ApiKeyChangeLogTests
{
    [Fact]
    public void Changes_after_a_stamp_are_listed_in_order_with_the_current_stamp()
    {
        var log = new ApiKeyChangeLog(epoch: 7);
        Assert.Equal(new ApiKeyChangeStamp(7, 1), log.Append("hash-a"));
        log.Append("hash-b");
        log.Append("hash-c");

        var changes = log.Since(new ApiKeyChangeStamp(7, 1));

        Assert.Equal(["hash-b", "hash-c"], changes.ValueHashes);
        Assert.Equal(new ApiKeyChangeStamp(7, 3), changes.Current);
        Assert.Empty(log.Since(new ApiKeyChangeStamp(7, 3)).ValueHashes!);
    }

    [Fact]
    public void A_stamp_of_another_epoch_or_none_cannot_be_listed_and_means_drop_everything()
    {
        var log = new ApiKeyChangeLog(epoch: 7);
        log.Append("hash-a");

        Assert.Null(log.Since(null).ValueHashes);
        Assert.Null(log.Since(new ApiKeyChangeStamp(6, 0)).ValueHashes);
        // A stamp ahead of the log is from an earlier activation that reused the epoch: not trusted.
        Assert.Null(log.Since(new ApiKeyChangeStamp(7, 5)).ValueHashes);
        Assert.Equal(new ApiKeyChangeStamp(7, 1), log.Since(null).Current);
    }

    [Fact]
    public void Changes_older_than_the_log_keeps_cannot_be_listed()
    {
        var log = new ApiKeyChangeLog(epoch: 1);
        for (var i = 0; i < ApiKeyChangeLog.Capacity + 2; i++)
        {
            log.Append($"hash-{i}");
        }

        Assert.Null(log.Since(new ApiKeyChangeStamp(1, 1)).ValueHashes);
        var oldestKept = log.Since(new ApiKeyChangeStamp(1, 2)).ValueHashes!;
        Assert.Equal(ApiKeyChangeLog.Capacity, oldestKept.Count);
        Assert.Equal("hash-2", oldestKept[0]);
        Assert.Equal($"hash-{ApiKeyChangeLog.Capacity + 1}", oldestKept[^1]);
    }
}

using OrleansGateway.Grains.Interfaces.Limits;

namespace OrleansGateway.Tests.Limits;

public sealed class TokenBucketTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 3, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_new_bucket_grants_its_burst_then_nothing()
    {
        var bucket = new TokenBucket(10, 20, _clock);
        Assert.Equal(20, bucket.Take(50));
        Assert.Equal(0, bucket.Take(1));
    }

    [Fact]
    public void Tokens_refill_at_the_rate_and_never_beyond_the_burst()
    {
        var bucket = new TokenBucket(10, 20, _clock);
        bucket.Take(20);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(5, bucket.Take(100));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(20, bucket.Take(100));
    }

    [Fact]
    public void Given_back_tokens_are_capped_at_the_burst()
    {
        var bucket = new TokenBucket(10, 20, _clock);
        bucket.Take(5);
        bucket.GiveBack(100);
        Assert.Equal(20, bucket.Take(100));
    }

    [Fact]
    public void Time_until_tokens_is_the_missing_tokens_over_the_rate()
    {
        var bucket = new TokenBucket(4, 10, _clock);
        bucket.Take(10);
        Assert.Equal(TimeSpan.FromMilliseconds(500), bucket.TimeUntil(2));
        Assert.Equal(Timeout.InfiniteTimeSpan, new TokenBucket(0, 0, _clock).TimeUntil(1));
    }

    [Fact]
    public void Tokens_taken_over_any_window_stay_within_burst_plus_rate_times_window()
    {
        var bucket = new TokenBucket(50, 30, _clock);
        var taken = 0;
        for (var step = 0; step < 300; step++)
        {
            taken += bucket.Take(7);
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        // 3 s at 50/s plus a burst of 30.
        Assert.InRange(taken, 150, 30 + 150);
    }
}

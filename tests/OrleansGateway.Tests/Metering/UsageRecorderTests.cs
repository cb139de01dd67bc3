using Microsoft.Extensions.Logging.Abstractions;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.Metering;
using OrleansGateway.Tests.Grains;
using OrleansGateway.Tests.Limits;

namespace OrleansGateway.Tests.Metering;

[Collection(GrainClusterCollection.Name)]
public sealed class UsageRecorderTests(GrainClusterFixture fixture)
{
    private static readonly DateTimeOffset LateEvening = new(2026, 11, 25, 23, 59, 58, TimeSpan.Zero);

    [Fact]
    public async Task Counts_recorded_between_flushes_reach_the_meter_once_each()
    {
        var (recorder, plan) = NewRecorder(new ManualClock(LateEvening), out var day);

        Record(recorder, plan, "key-a", 3);
        Record(recorder, plan, "key-b", 1);
        await recorder.FlushAsync();
        // A flush with nothing new sends nothing more.
        await recorder.FlushAsync();
        Record(recorder, plan, "key-a", 2);
        await recorder.FlushAsync();

        Assert.Equal(5, await CountAsync(plan, "key-a", day));
        Assert.Equal(1, await CountAsync(plan, "key-b", day));
    }

    [Fact]
    public async Task Counts_of_a_day_that_ended_before_the_flush_are_sent_for_that_day_and_the_next_day_counts_apart()
    {
        var clock = new ManualClock(LateEvening);
        var (recorder, plan) = NewRecorder(clock, out var day);
        var nextDay = day.AddDays(1);

        Record(recorder, plan, "key-a", 4);
        clock.Advance(TimeSpan.FromSeconds(5));
        Record(recorder, plan, "key-a", 2);
        await recorder.FlushAsync();
        Record(recorder, plan, "key-a", 1);
        await recorder.FlushAsync();

        Assert.Equal(4, await CountAsync(plan, "key-a", day));
        Assert.Equal(3, await CountAsync(plan, "key-a", nextDay));
    }

    private (UsageRecorder Recorder, string Plan) NewRecorder(ManualClock clock, out DateOnly day)
    {
        day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var recorder = new UsageRecorder(fixture.Cluster.Client, new EdgeIdentity("edge-" + Guid.NewGuid().ToString("N")), clock, NullLogger<UsageRecorder>.Instance);
        return (recorder, "plan-" + Guid.NewGuid().ToString("N"));
    }

    private static void Record(UsageRecorder recorder, string plan, string key, int times)
    {
        for (var i = 0; i < times; i++)
        {
            recorder.Record(plan, key);
        }
    }

    private async Task<long> CountAsync(string plan, string key, DateOnly day)
    {
        var counts = await fixture.Cluster.GrainFactory.GetGrain<IUsageMeterGrain>(IUsageMeterGrain.KeyOf(day, key)).GetCounts(plan);
        return counts.Where(c => c.KeyId == key).Sum(c => c.Count);
    }
}

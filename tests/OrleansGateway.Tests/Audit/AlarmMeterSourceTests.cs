using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Management.Alarms;
using OrleansGateway.Tests.Limits;

namespace OrleansGateway.Tests.Audit;

/// <summary>With MetricSource=Meter, alarms read the observability meter's API Gateway instruments.</summary>
public sealed class AlarmMeterSourceTests
{
    [Fact]
    public async Task Counts_errors_and_latency_published_on_the_observability_meter_land_in_the_stages_bucket()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 3, TimeSpan.Zero));
        var recorder = new AlarmMetricRecorder(clock);
        using var source = new AlarmMeterSource(recorder, Options.Create(new AlarmOptions { MetricSource = "Meter" }));
        await source.StartAsync(CancellationToken.None);
        using var meter = new Meter(AlarmMeterSource.MeterName);
        var count = meter.CreateCounter<long>("aws.apigateway.Count");
        var serverErrors = meter.CreateCounter<long>("aws.apigateway.5XXError");
        var latency = meter.CreateHistogram<double>("aws.apigateway.Latency");
        var unrelated = new Meter("Something.Else").CreateCounter<long>("aws.apigateway.Count");

        foreach (var failed in new[] { true, true, false })
        {
            var tags = new System.Diagnostics.TagList { { "ApiId", "api1" }, { "Stage", "prod" } };
            count.Add(1, tags);
            serverErrors.Add(failed ? 1 : 0, tags);
            latency.Record(failed ? 30 : 10, tags);
            unrelated.Add(1, tags);
        }
        clock.Advance(TimeSpan.FromSeconds(10));

        var datum = Assert.Single(recorder.TakeClosed());
        Assert.Equal(("api1", "prod", 3L, 2L, 70.0, 10.0, 30.0), (datum.ApiId, datum.Stage, datum.Count, datum.ServerErrors, datum.LatencySum, datum.LatencyMin, datum.LatencyMax));
        await source.StopAsync(CancellationToken.None);
    }
}

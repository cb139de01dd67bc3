using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.Observability.Metrics;

namespace OrleansGateway.Tests.Observability;

/// <summary>
/// Usage-plan refusals land on the counter of their kind, labelled by plan only. The meter is
/// process-wide, so each test uses a plan id no other test uses.
/// </summary>
public sealed class GatewayMetricsTests
{
    private static ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> Listen(MeterListener listener)
    {
        var seen = new ConcurrentQueue<(string, long, Dictionary<string, object?>)>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        return seen;
    }

    [Fact]
    public void ThrottleAndQuotaRefusalsCountPerPlanAndOtherResponsesAreNotCounted()
    {
        using var listener = new MeterListener();
        var seen = Listen(listener);
        var plan = "plan-" + Guid.NewGuid().ToString("N");

        GatewayMetrics.LimitRefused(GatewayResponseType.Throttled, plan);
        GatewayMetrics.LimitRefused(GatewayResponseType.QuotaExceeded, plan);
        GatewayMetrics.LimitRefused(GatewayResponseType.QuotaExceeded, plan);
        GatewayMetrics.LimitRefused(GatewayResponseType.ServiceUnavailable, plan);

        var ours = seen.Where(m => Equals(m.Tags.GetValueOrDefault("UsagePlanId"), plan)).ToList();
        Assert.Equal(1, ours.Where(m => m.Instrument == "gateway.usage_plan.throttled").Sum(m => m.Value));
        Assert.Equal(2, ours.Where(m => m.Instrument == "gateway.usage_plan.quota_exceeded").Sum(m => m.Value));
        Assert.Equal(3, ours.Count);
        Assert.All(ours, m => Assert.Equal(["UsagePlanId"], m.Tags.Keys));
    }
}

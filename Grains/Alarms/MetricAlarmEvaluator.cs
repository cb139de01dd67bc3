using System.Globalization;
using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Grains.Alarms;

/// <summary>
/// CloudWatch's metric alarm evaluation over the pushed 10-second buckets: the last
/// <c>EvaluationPeriods</c> complete periods are datapoints; ALARM when at least
/// <c>DatapointsToAlarm</c> of them breach, OK otherwise, and when none has data,
/// <c>TreatMissingData</c> decides.
/// </summary>
internal static class MetricAlarmEvaluator
{
    /// <summary>Buckets arrive a few seconds after they close; a period counts once this much time has passed after it.</summary>
    private const int DeliverySlackSeconds = 5;

    public static (string State, string Reason) Evaluate(MetricAlarmDefinition alarm, IReadOnlyCollection<MetricDatum> data, DateTimeOffset now, string current)
    {
        var end = (now.ToUnixTimeSeconds() - DeliverySlackSeconds) / alarm.Period * alarm.Period;
        var points = new List<(long Start, double? Value)>();
        for (var k = 0; k < alarm.EvaluationPeriods; k++)
        {
            var start = end - (k + 1) * alarm.Period;
            var inPeriod = data.Where(d => d.BucketStart >= start && d.BucketStart < start + alarm.Period && Matches(alarm, d)).ToList();
            points.Add((start, Value(alarm, inPeriod)));
        }
        var present = points.Where(p => p.Value is not null).ToList();
        if (present.Count == 0)
        {
            return alarm.TreatMissingData switch
            {
                "breaching" => (AlarmStateValues.Alarm, "Missing data treated as breaching."),
                "notBreaching" => (AlarmStateValues.Ok, "Missing data treated as not breaching."),
                "ignore" => (current, "Missing data ignored: state kept."),
                _ => (AlarmStateValues.InsufficientData, $"Insufficient Data: {alarm.EvaluationPeriods} datapoints were unknown."),
            };
        }
        var breaching = points.Count(p => p.Value is { } v ? Breaches(alarm, v) : alarm.TreatMissingData == "breaching");
        var values = string.Join(", ", present.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value!.Value:0.###} ({DateTimeOffset.FromUnixTimeSeconds(p.Start):dd/MM/yy HH:mm:ss})")));
        var comparison = alarm.ComparisonOperator switch
        {
            "GreaterThanOrEqualToThreshold" => "greater than or equal to",
            "GreaterThanThreshold" => "greater than",
            "LessThanThreshold" => "less than",
            _ => "less than or equal to",
        };
        var threshold = alarm.Threshold.ToString("0.###", CultureInfo.InvariantCulture);
        return breaching >= alarm.DatapointsToAlarm
            ? (AlarmStateValues.Alarm, $"Threshold Crossed: {breaching} out of the last {alarm.EvaluationPeriods} datapoints [{values}] {(breaching == 1 ? "was" : "were")} {comparison} the threshold ({threshold}).")
            : (AlarmStateValues.Ok, $"Threshold Crossed: {alarm.EvaluationPeriods - breaching} out of the last {alarm.EvaluationPeriods} datapoints [{values}] {(alarm.EvaluationPeriods - breaching == 1 ? "was" : "were")} not {comparison} the threshold ({threshold}).");
    }

    private static bool Matches(MetricAlarmDefinition alarm, MetricDatum datum) =>
        (!alarm.Dimensions.TryGetValue("ApiName", out var api) && !alarm.Dimensions.TryGetValue("ApiId", out api) || api == datum.ApiId)
        && (!alarm.Dimensions.TryGetValue("Stage", out var stage) || stage == datum.Stage);

    /// <summary>The statistic over a period's buckets; null when no request fell in it.</summary>
    private static double? Value(MetricAlarmDefinition alarm, List<MetricDatum> data)
    {
        var count = data.Sum(d => d.Count);
        if (count == 0)
        {
            return null;
        }
        // Each request is one sample: 1 for Count, 0 or 1 for the error metrics, its latency for Latency.
        var (sum, min, max) = alarm.MetricName switch
        {
            "Count" => (count, 1.0, 1.0),
            "4XXError" => Errors(data.Sum(d => d.ClientErrors), count),
            "5XXError" => Errors(data.Sum(d => d.ServerErrors), count),
            _ => (data.Sum(d => d.LatencySum), data.Min(d => d.LatencyMin), data.Max(d => d.LatencyMax)),
        };
        return alarm.Statistic switch
        {
            "SampleCount" => count,
            "Sum" => sum,
            "Average" => sum / count,
            "Minimum" => min,
            _ => max,
        };
    }

    private static (double Sum, double Min, double Max) Errors(long errors, long count) => (errors, errors == count ? 1 : 0, errors > 0 ? 1 : 0);

    private static bool Breaches(MetricAlarmDefinition alarm, double value) => alarm.ComparisonOperator switch
    {
        "GreaterThanOrEqualToThreshold" => value >= alarm.Threshold,
        "GreaterThanThreshold" => value > alarm.Threshold,
        "LessThanThreshold" => value < alarm.Threshold,
        _ => value <= alarm.Threshold,
    };
}

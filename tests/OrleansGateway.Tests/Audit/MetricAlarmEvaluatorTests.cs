using OrleansGateway.Grains.Alarms;
using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Tests.Audit;

public sealed class MetricAlarmEvaluatorTests
{
    // 00:01:00 plus the 5-second delivery slack: the last complete 10-second period is 00:00:50–00:01:00.
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 1, 7, TimeSpan.Zero);
    private static readonly long Start = new DateTimeOffset(2026, 1, 1, 0, 0, 50, TimeSpan.Zero).ToUnixTimeSeconds();

    private static MetricAlarmDefinition Alarm(string metric = "5XXError", string statistic = "Sum", int periods = 1, int toAlarm = 1, string missing = "missing") =>
        new("a", null, metric, statistic, new Dictionary<string, string> { ["ApiName"] = "api1", ["Stage"] = "prod" }, 10, periods, toAlarm, 3,
            "GreaterThanOrEqualToThreshold", missing, new AlarmActions(true, [], [], []));

    private static MetricDatum Datum(long start, long count, long serverErrors, string stage = "prod") =>
        new("api1", stage, start, count, 0, serverErrors, count * 10.0, 5, 20);

    [Fact]
    public void Three_server_errors_in_the_period_reach_the_threshold() =>
        Assert.Equal("ALARM", MetricAlarmEvaluator.Evaluate(Alarm(), [Datum(Start, 10, 3)], Now, "OK").State);

    [Fact]
    public void Two_server_errors_stay_ok() =>
        Assert.Equal("OK", MetricAlarmEvaluator.Evaluate(Alarm(), [Datum(Start, 10, 2)], Now, "ALARM").State);

    [Fact]
    public void Buckets_of_another_stage_do_not_count() =>
        Assert.Equal("INSUFFICIENT_DATA", MetricAlarmEvaluator.Evaluate(Alarm(), [Datum(Start, 10, 9, stage: "beta")], Now, "OK").State);

    [Fact]
    public void The_average_is_the_error_rate() =>
        Assert.Equal("OK", MetricAlarmEvaluator.Evaluate(Alarm(statistic: "Average"), [Datum(Start, 10, 9)], Now, "OK").State);

    [Theory]
    [InlineData("missing", "INSUFFICIENT_DATA")]
    [InlineData("notBreaching", "OK")]
    [InlineData("breaching", "ALARM")]
    [InlineData("ignore", "ALARM")]
    public void Missing_data_is_treated_as_configured(string treatment, string expected) =>
        Assert.Equal(expected, MetricAlarmEvaluator.Evaluate(Alarm(missing: treatment), [], Now, "ALARM").State);

    [Fact]
    public void Two_of_three_datapoints_must_breach()
    {
        var alarm = Alarm(periods: 3, toAlarm: 2);
        Assert.Equal("OK", MetricAlarmEvaluator.Evaluate(alarm, [Datum(Start, 10, 5), Datum(Start - 10, 10, 0), Datum(Start - 20, 10, 0)], Now, "OK").State);
        Assert.Equal("ALARM", MetricAlarmEvaluator.Evaluate(alarm, [Datum(Start, 10, 5), Datum(Start - 10, 10, 0), Datum(Start - 20, 10, 4)], Now, "OK").State);
    }

    [Fact]
    public void The_current_unfinished_period_is_not_evaluated() =>
        Assert.Equal("INSUFFICIENT_DATA", MetricAlarmEvaluator.Evaluate(Alarm(), [Datum(Start + 10, 10, 9)], Now, "OK").State);
}

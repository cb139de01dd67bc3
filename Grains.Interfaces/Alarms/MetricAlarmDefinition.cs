namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>A metric alarm, as CloudWatch's PutMetricAlarm.</summary>
/// <param name="Name">AlarmName.</param>
/// <param name="Description">AlarmDescription.</param>
/// <param name="MetricName">Count, 4XXError, 5XXError or Latency.</param>
/// <param name="Statistic">SampleCount, Average, Sum, Minimum or Maximum.</param>
/// <param name="Dimensions">ApiName/ApiId and Stage; missing ones aggregate over all values.</param>
/// <param name="Period">Seconds per datapoint: 10, 30 or a multiple of 60.</param>
/// <param name="EvaluationPeriods">How many recent datapoints are looked at.</param>
/// <param name="DatapointsToAlarm">How many of them must breach.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="ComparisonOperator">GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold.</param>
/// <param name="TreatMissingData">missing, notBreaching, breaching or ignore.</param>
/// <param name="Actions">Where transitions are sent.</param>
[GenerateSerializer, Immutable, Alias("og.MetricAlarmDefinition")]
public sealed record MetricAlarmDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string MetricName,
    [property: Id(3)] string Statistic,
    [property: Id(4)] IReadOnlyDictionary<string, string> Dimensions,
    [property: Id(5)] int Period,
    [property: Id(6)] int EvaluationPeriods,
    [property: Id(7)] int DatapointsToAlarm,
    [property: Id(8)] double Threshold,
    [property: Id(9)] string ComparisonOperator,
    [property: Id(10)] string TreatMissingData,
    [property: Id(11)] AlarmActions Actions);

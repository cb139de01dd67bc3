namespace OrleansGateway.Edge.Management.Alarms;

/// <summary>Where alarms read data-plane metrics from, bound from <c>Gateway:Alarms</c>.</summary>
public sealed class AlarmOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Alarms";

    /// <summary>
    /// <c>Meter</c> (default): a <see cref="System.Diagnostics.Metrics.MeterListener"/> reads the
    /// observability meter <c>OrleansGateway.ApiGateway</c> (<c>aws.apigateway.Count</c>, <c>4XXError</c>,
    /// <c>5XXError</c>, <c>Latency</c> with tags <c>ApiId</c> and <c>Stage</c>), so each request is
    /// counted once, by the metrics. <c>DataPlane</c>: alarms count requests with their own middleware
    /// — only for an edge that runs with <c>Gateway:Observability:Enabled=false</c>.
    /// </summary>
    public string MetricSource { get; set; } = "Meter";

    /// <summary>Whether the meter is the source.</summary>
    public bool UsesMeter => string.Equals(MetricSource, "Meter", StringComparison.OrdinalIgnoreCase);
}

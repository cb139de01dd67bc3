namespace OrleansGateway.Edge.Observability;

/// <summary>Metrics, traces and execution logs (<c>Gateway:Observability</c>).</summary>
public sealed class ObservabilityOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Observability";

    /// <summary>
    /// False: no OpenTelemetry at all (no metrics, no spans, no export; a caller's <c>traceparent</c>
    /// reaches integrations unchanged unless something else in the process listens to ASP.NET Core's
    /// activities). Execution logs are per stage and not affected.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Prometheus scrape endpoint.</summary>
    public PrometheusEndpointOptions Prometheus { get; set; } = new();

    /// <summary>OTLP export of metrics and traces; off while <see cref="OtlpOptions.Endpoint"/> is unset.</summary>
    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>Trace sampling.</summary>
    public TracingOptions Tracing { get; set; } = new();

    /// <summary>Per-stage execution logs.</summary>
    public ExecutionLogOptions ExecutionLogs { get; set; } = new();
}

/// <summary><c>Gateway:Observability:Prometheus</c>.</summary>
public sealed class PrometheusEndpointOptions
{
    /// <summary>Serve the scrape endpoint on the management listener.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Its path on the management listener.</summary>
    public string Path { get; set; } = "/metrics";
}

/// <summary><c>Gateway:Observability:Otlp</c>.</summary>
public sealed class OtlpOptions
{
    /// <summary>The collector, e.g. <c>http://otel-collector:4317</c>; unset: no OTLP export.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>Seconds between metric exports (OpenTelemetry's default, 60, is CloudWatch's 1-minute period).</summary>
    public int MetricExportIntervalSeconds { get; set; } = 60;
}

/// <summary><c>Gateway:Observability:Tracing</c>.</summary>
public sealed class TracingOptions
{
    /// <summary>
    /// Share of new traces recorded, 0–1. A caller's <c>traceparent</c> decides for its own trace
    /// (parent-based sampling); unsampled requests still propagate the trace context.
    /// </summary>
    public double SampleRatio { get; set; } = 0.1;
}

/// <summary><c>Gateway:Observability:ExecutionLogs</c>.</summary>
public sealed class ExecutionLogOptions
{
    /// <summary>Entries waiting to be written; beyond it entries are dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>With <c>dataTraceEnabled</c>, request and response bodies are cut at this many bytes (1 MiB, as the issue asks).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}

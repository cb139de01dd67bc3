using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.Observability;

/// <summary>
/// A method's observability settings as the stage's method settings give them (its own
/// <c>{path}/{METHOD}</c> entry, else <c>*/*</c>), resolved once when the stage is compiled.
/// </summary>
/// <param name="DetailedMetrics"><c>metricsEnabled</c>: metrics also carry the Resource and Method dimensions.</param>
/// <param name="LogLevel"><c>loggingLevel</c>: which execution log entries are written.</param>
/// <param name="DataTrace"><c>dataTraceEnabled</c>: execution logs (at INFO) carry the full request and response.</param>
internal sealed record MethodObservability(bool DetailedMetrics, ExecutionLogLevel LogLevel, bool DataTrace)
{
    /// <summary>No detailed metrics and no execution log: API Gateway's defaults.</summary>
    public static MethodObservability Off { get; } = new(false, ExecutionLogLevel.Off, false);

    /// <summary>The settings for <paramref name="method"/> of <paramref name="resourcePath"/> in <paramref name="stage"/>.</summary>
    public static MethodObservability For(StageRecord stage, string resourcePath, string method)
    {
        // Keys as UpdateStage paths name them: "~1pets~1{id}/GET", or "*/*".
        var key = resourcePath.Replace("/", "~1", StringComparison.Ordinal) + "/" + method;
        if (!stage.MethodSettings.TryGetValue(key, out var setting) && !stage.MethodSettings.TryGetValue("*/*", out setting))
        {
            return Off;
        }
        var level = setting.LoggingLevel switch
        {
            "INFO" => ExecutionLogLevel.Info,
            "ERROR" => ExecutionLogLevel.Error,
            _ => ExecutionLogLevel.Off,
        };
        var settings = new MethodObservability(setting.MetricsEnabled, level, setting.DataTraceEnabled && level == ExecutionLogLevel.Info);
        return settings == Off ? Off : settings;
    }
}

/// <summary>A stage method's <c>loggingLevel</c>.</summary>
internal enum ExecutionLogLevel
{
    /// <summary>No execution log.</summary>
    Off,

    /// <summary>Only requests that ended in an error.</summary>
    Error,

    /// <summary>Every request.</summary>
    Info,
}

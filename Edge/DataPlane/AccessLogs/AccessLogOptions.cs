namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>Where stages' access logs go, bound from <c>Gateway:AccessLogs</c>.</summary>
public sealed class AccessLogOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:AccessLogs";

    /// <summary>
    /// Log group name (the <c>log-group:NAME</c> of a stage's <c>destinationArn</c>) → destination:
    /// <c>stdout</c>, <c>file:/path/to/file.log</c> or <c>redis:{streamKey}</c> (cluster mode only).
    /// </summary>
    public Dictionary<string, string> Destinations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Lines waiting to be written; when full, new lines are dropped (and counted), never waited for.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>A file destination is rotated before it grows past this.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Files kept per file destination, the current one included (<c>x.log</c>, <c>x.log.1</c>, …).</summary>
    public int MaxFiles { get; set; } = 5;

    /// <summary>Approximate length a Redis stream destination is trimmed to (<c>XADD … MAXLEN ~</c>).</summary>
    public int RedisMaxLength { get; set; } = 100_000;
}

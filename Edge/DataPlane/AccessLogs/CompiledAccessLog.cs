using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>A stage's access log as served: its compiled format and the log group its lines go to.</summary>
/// <param name="Format">The compiled <c>accessLogSettings.format</c>.</param>
/// <param name="LogGroupName">The <c>log-group:NAME</c> part of <c>accessLogSettings.destinationArn</c>; it names the configured destination.</param>
internal sealed record CompiledAccessLog(AccessLogFormat Format, string LogGroupName)
{
    private const string LogGroupMarker = ":log-group:";

    /// <summary>Null unless the stage has both a format and a CloudWatch Logs log-group ARN.</summary>
    public static CompiledAccessLog? From(AccessLogSettings? settings)
    {
        if (settings is not { Format: { Length: > 0 } format, DestinationArn: { Length: > 0 } arn })
        {
            return null;
        }
        var group = ParseLogGroupName(arn);
        return group is null ? null : new CompiledAccessLog(AccessLogFormat.Parse(format), group);
    }

    /// <summary>
    /// <c>arn:aws:logs:{region}:{account}:log-group:NAME</c> → <c>NAME</c> (a trailing <c>:*</c>, as the
    /// console writes it, is dropped); null for any other ARN.
    /// </summary>
    public static string? ParseLogGroupName(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var marker = arn.LastIndexOf(LogGroupMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }
        var name = arn[(marker + LogGroupMarker.Length)..];
        if (name.EndsWith(":*", StringComparison.Ordinal))
        {
            name = name[..^2];
        }
        return name.Length > 0 ? name : null;
    }
}

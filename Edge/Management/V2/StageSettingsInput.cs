using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>Validates and converts a WebSocket stage's route settings and access-log settings (apigatewayv2 members).</summary>
internal static class StageSettingsInput
{
    /// <summary>Account defaults bound what a stage may set, as in API Gateway.</summary>
    private const int MaxBurst = 5_000, MaxRouteSettings = 300, MaxFormatLength = 4_096;
    private const double MaxRate = 10_000;

    /// <summary>One <c>RouteSettings</c> entry, or 400.</summary>
    public static WebSocketRouteSettings? Route(RouteSettingsBody? body)
    {
        if (body is null)
        {
            return null;
        }
        if (body.ThrottlingBurstLimit is < 0 or > MaxBurst)
        {
            throw ManagementException.BadRequest($"ThrottlingBurstLimit must be between 0 and {MaxBurst}.");
        }
        if (body.ThrottlingRateLimit is { } rate && (double.IsNaN(rate) || rate < 0 || rate > MaxRate))
        {
            throw ManagementException.BadRequest($"ThrottlingRateLimit must be between 0 and {MaxRate}.");
        }
        if (body.LoggingLevel is { } level && level is not ("ERROR" or "INFO" or "OFF"))
        {
            throw ManagementException.BadRequest($"Invalid LoggingLevel {level}: ERROR, INFO or OFF.");
        }
        return new WebSocketRouteSettings(body.ThrottlingBurstLimit, body.ThrottlingRateLimit, body.DataTraceEnabled, body.DetailedMetricsEnabled, body.LoggingLevel);
    }

    /// <summary>A stage's <c>RouteSettings</c> map (keys are route keys), merged over <paramref name="current"/>; or 400.</summary>
    public static IReadOnlyDictionary<string, WebSocketRouteSettings>? Routes(
        Dictionary<string, RouteSettingsBody>? body, IReadOnlyDictionary<string, WebSocketRouteSettings>? current = null)
    {
        if (body is null)
        {
            return current;
        }
        var merged = new Dictionary<string, WebSocketRouteSettings>(current ?? new Dictionary<string, WebSocketRouteSettings>(), StringComparer.Ordinal);
        foreach (var (routeKey, settings) in body)
        {
            if (routeKey.Length is 0 or > 128)
            {
                throw ManagementException.BadRequest("RouteSettings keys must be route keys of 1-128 characters.");
            }
            if (Route(settings) is { } parsed)
            {
                merged[routeKey] = parsed;
            }
        }
        return merged.Count > MaxRouteSettings
            ? throw ManagementException.BadRequest($"At most {MaxRouteSettings} RouteSettings entries.")
            : merged;
    }

    /// <summary><c>AccessLogSettings</c>, or 400; a destination must be a CloudWatch Logs or Firehose ARN (its name picks the configured sink).</summary>
    public static WebSocketAccessLogSettings? AccessLog(AccessLogSettingsBody? body)
    {
        if (body is null)
        {
            return null;
        }
        if (body.DestinationArn is { } arn && (arn.Length > 2048 || !arn.StartsWith("arn:", StringComparison.Ordinal)))
        {
            throw ManagementException.BadRequest($"Invalid DestinationArn {(arn.Length > 64 ? arn[..64] + "..." : arn)}");
        }
        if (body.Format is { Length: > MaxFormatLength })
        {
            throw ManagementException.BadRequest($"Format must be at most {MaxFormatLength} characters.");
        }
        if (body.Format is { } format && !format.Contains("$context.requestId", StringComparison.Ordinal)
            && !format.Contains("$context.extendedRequestId", StringComparison.Ordinal))
        {
            // API Gateway's own rule: every access-log line must be traceable to its request.
            throw ManagementException.BadRequest("Access Log format must contain at least one of $context.requestId or $context.extendedRequestId");
        }
        return new WebSocketAccessLogSettings(body.DestinationArn, body.Format);
    }

    /// <summary>The apigatewayv2 view of stored route settings.</summary>
    public static RouteSettingsBody? View(WebSocketRouteSettings? settings) =>
        settings is null ? null : new RouteSettingsBody(
            settings.ThrottlingBurstLimit, settings.ThrottlingRateLimit, settings.DataTraceEnabled, settings.DetailedMetricsEnabled, settings.LoggingLevel);
}

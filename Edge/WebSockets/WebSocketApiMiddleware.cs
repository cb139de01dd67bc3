using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Edge.Http;
using OrleansGateway.Edge.WebSockets.Connections;
using OrleansGateway.Edge.WebSockets.Integrations;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets;

/// <summary>
/// Serves WebSocket APIs on the data plane: <c>{apiId}.execute-api.{domain}/{stage}</c> upgrades
/// (after the <c>$connect</c> integration accepts) and <c>/{stage}/@connections/{id}</c> calls.
/// Requests for any other API pass on to the REST data plane.
/// </summary>
internal sealed partial class WebSocketApiMiddleware(
    RequestDelegate next,
    WebSocketRouteTable routes,
    ConnectionRegistry registry,
    WebSocketSession session,
    WebSocketIntegrationInvoker integrations,
    ConnectionsApiHandler connectionsApi,
    Authorization.ConnectAuthorizer authorizer,
    Limits.WebSocketUsageLimits limits,
    AccessLogs.WebSocketAccessLog accessLog,
    WebSocketMetrics metrics,
    ILogger<WebSocketApiMiddleware> logger)
{
    private const string ConnectionsSegment = "/@connections/";
    private const string ApiKeyHeader = "x-api-key";

    public Task InvokeAsync(HttpContext context)
    {
        if (!ExecuteApiHost.TryGetApiId(context.Request.Host.Value, out var apiId) || routes.Find(apiId) is not { } api)
        {
            return next(context);
        }
        var path = context.Request.Path.Value ?? "/";
        var connections = path.IndexOf(ConnectionsSegment, StringComparison.Ordinal);
        if (connections > 0)
        {
            return connectionsApi.HandleAsync(context, api, path[1..connections], path[(connections + ConnectionsSegment.Length)..]);
        }
        var stageName = path.Trim('/');
        if (!api.Stages.TryGetValue(stageName, out var stage))
        {
            return AwsErrorResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "ForbiddenException", "Forbidden");
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            // A plain HTTP request (or a malformed upgrade) to a WebSocket stage.
            return AwsErrorResponse.WriteAsync(context, StatusCodes.Status426UpgradeRequired, "BadRequestException", "Expected a WebSocket upgrade request");
        }
        return ConnectAsync(context, api, stage);
    }

    private async Task ConnectAsync(HttpContext context, CompiledWebSocketApi api, CompiledWebSocketStage stage)
    {
        if (!routes.IsReady || registry.Slot == 0)
        {
            await AwsErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailableException", "Service Unavailable");
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var remote = context.Connection.RemoteIpAddress;
        var info = new WebSocketConnectionInfo(
            ConnectionIds.New(registry.Slot), api.ApiId, stage.StageName, now, now,
            (remote is { IsIPv4MappedToIPv6: true } ? remote.MapToIPv4() : remote)?.ToString() ?? string.Empty,
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            context.Request.Host.Host);
        var requestId = Guid.NewGuid().ToString();
        metrics.Connect(api.ApiId, stage.StageName);

        string? authorizerContext = null;
        Limits.ConnectionUsagePlan? usagePlan = null;
        long? integrationLatency = null;
        void LogConnect(int status, string? error) => accessLog.Write(stage, new AccessLogs.WebSocketAccessLogEntry(
            info, "CONNECT", "$connect", requestId, null, status, now, integrationLatency, error, authorizerContext, usagePlan?.KeyId));
        if (stage.Find("$connect") is { } connectRoute)
        {
            var authorization = await authorizer.AuthorizeAsync(context, stage, connectRoute.Route, info, requestId, context.RequestAborted);
            if (!authorization.Allowed)
            {
                LogConnect(authorization.RefusalStatus, authorization.RefusalStatus switch { 401 => "Unauthorized", 403 => "Forbidden", _ => "Internal server error" });
                metrics.ClientError(api.ApiId, stage.StageName);
                Log.ConnectRefused(logger, api.ApiId, stage.StageName, authorization.RefusalStatus);
                await AwsErrorResponse.WriteAsync(context, authorization.RefusalStatus,
                    authorization.RefusalStatus switch { 401 => "UnauthorizedException", 403 => "ForbiddenException", _ => "InternalServerErrorException" },
                    authorization.RefusalStatus switch { 401 => "Unauthorized", 403 => "Forbidden", _ => "Internal server error" });
                return;
            }
            authorizerContext = authorization.AuthorizerContextJson;
            if (connectRoute.Route.ApiKeyRequired)
            {
                // AWS honours apiKeyRequired only on $connect: the key chosen here meters the whole connection.
                var keyValue = stage.ApiKeyFromAuthorizer ? authorization.UsageIdentifierKey : context.Request.Headers[ApiKeyHeader].ToString();
                usagePlan = await limits.ResolveKeyAsync(keyValue, api.ApiId, stage.StageName);
                if (usagePlan is null)
                {
                    LogConnect(StatusCodes.Status403Forbidden, "Forbidden");
                    metrics.ClientError(api.ApiId, stage.StageName);
                    Log.ConnectRefused(logger, api.ApiId, stage.StageName, StatusCodes.Status403Forbidden);
                    await AwsErrorResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "ForbiddenException", "Forbidden");
                    return;
                }
            }
            var admission = await limits.TryAdmitAsync(usagePlan, connectRoute, context.RequestAborted);
            if (!admission.Allowed)
            {
                LogConnect(StatusCodes.Status429TooManyRequests, admission.RefusalMessage);
                metrics.ClientError(api.ApiId, stage.StageName);
                Log.ConnectRefused(logger, api.ApiId, stage.StageName, StatusCodes.Status429TooManyRequests);
                await AwsErrorResponse.WriteAsync(context, StatusCodes.Status429TooManyRequests, "LimitExceededException", admission.RefusalMessage!);
                return;
            }
            var e = new WebSocketEvent(info, "$connect", "CONNECT", requestId, null, ReadOnlyMemory<byte>.Empty, authorizerContext,
                context.Request.Headers, context.Request.Query);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await integrations.InvokeAsync(connectRoute.Integration, e, context.RequestAborted);
            integrationLatency = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!result.Succeeded)
            {
                // The integration decides: its status refuses the upgrade (an unreachable backend is a 500 as in AWS).
                metrics.IntegrationError(api.ApiId, stage.StageName);
                var status = result.Unreachable ? StatusCodes.Status500InternalServerError : result.StatusCode;
                LogConnect(status, status >= 500 ? "Internal server error" : "Forbidden");
                Log.ConnectRefused(logger, api.ApiId, stage.StageName, status);
                await AwsErrorResponse.WriteAsync(context, status, status >= 500 ? "InternalServerErrorException" : "ForbiddenException",
                    status >= 500 ? "Internal server error" : "Forbidden");
                return;
            }
        }

        LogConnect(StatusCodes.Status200OK, null);
        // No keep-alive pings: they need a timer per connection; the shared sweep enforces the idle limit instead.
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = TimeSpan.Zero });
        var connection = new WebSocketConnection(socket, info, api, authorizerContext)
        {
            UsagePlan = usagePlan,
            Frames = (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpUpgradeFeature>() as Frames.FrameLimitingUpgradeFeature)?.Stream,
        };
        registry.Add(connection);
        (int StatusCode, string Reason) closed;
        try
        {
            closed = await session.RunAsync(connection, context.RequestAborted);
        }
        finally
        {
            registry.Remove(info.ConnectionId);
        }
        // Off the connection's path, best-effort, as API Gateway.
        _ = DisconnectNotifier.FireAsync(routes, integrations, connection.Snapshot(), closed.StatusCode, closed.Reason, authorizerContext, accessLog, usagePlan?.KeyId);
    }

    private static partial class Log
    {
        [LoggerMessage(6121, LogLevel.Information, "WebSocket API {ApiId} stage {Stage}: $connect refused with {StatusCode}")]
        public static partial void ConnectRefused(ILogger logger, string apiId, string stage, int statusCode);
    }
}

using Orleans.Concurrency;
using System.Text.Json;
using OrleansGateway.Edge.Http;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Connections;

/// <summary>
/// The @connections API (apigatewaymanagementapi): PostToConnection, GetConnection and
/// DeleteConnection at <c>/{stage}/@connections/{connectionId}</c>. A connection on this edge is
/// served directly; any other goes through its owning edge's grain. Unknown or closed → 410 GoneException.
/// </summary>
internal sealed class ConnectionsApiHandler(
    ConnectionRegistry registry, ConnectionsCallerAuthorizer authorizer, IGrainFactory grains, WebSocketMetrics metrics, Microsoft.Extensions.Options.IOptions<WebSocketApiOptions> options)
{
    /// <summary>Serves one @connections call for <paramref name="api"/>; an owning edge that does not answer is a 500, never a false 410.</summary>
    public async Task HandleAsync(HttpContext context, CompiledWebSocketApi api, string stage, string connectionId)
    {
        try
        {
            await ServeAsync(context, api, stage, connectionId);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException && !context.Response.HasStarted)
        {
            await AwsErrorResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, "InternalServerErrorException", "Internal server error");
        }
    }

    private async Task ServeAsync(HttpContext context, CompiledWebSocketApi api, string stage, string connectionId)
    {
        if (!api.Stages.ContainsKey(stage) || connectionId.Length is 0 or > 128 || connectionId.Contains('/'))
        {
            await Forbidden(context);
            return;
        }
        var method = context.Request.Method;
        if (!HttpMethods.IsPost(method) && !HttpMethods.IsGet(method) && !HttpMethods.IsDelete(method))
        {
            await Forbidden(context);
            return;
        }
        var maxBytes = options.Value.MaxMessageBytes;
        var body = await ReadBodyAsync(context.Request, maxBytes, context.RequestAborted);
        if (body is null)
        {
            await AwsErrorResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLargeException", $"Message exceeds the maximum of {maxBytes} bytes");
            return;
        }
        if (!await authorizer.IsAllowedAsync(context, api.ApiId, stage, connectionId, body))
        {
            await Forbidden(context);
            return;
        }
        if (!ConnectionIds.TryGetSlot(connectionId, out var slot))
        {
            await Gone(context);
            return;
        }
        var local = slot == registry.Slot ? registry.Find(connectionId) : null;
        var edge = slot == registry.Slot ? null : grains.GetGrain<IWebSocketEdgeGrain>(slot);
        if (local is not null && local.Info.ApiId != api.ApiId)
        {
            await Gone(context);
            return;
        }

        if (HttpMethods.IsPost(method))
        {
            var delivered = local is not null
                ? await local.SendAsync(body, context.RequestAborted)
                : edge is not null && await edge.Post(connectionId, new Immutable<byte[]>(body));
            if (!delivered)
            {
                await Gone(context);
                return;
            }
            metrics.Message(api.ApiId, stage);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        if (HttpMethods.IsGet(method))
        {
            var info = local?.Snapshot() ?? (edge is not null ? await edge.GetConnection(connectionId) : null);
            if (info is null || info.ApiId != api.ApiId)
            {
                await Gone(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
            json.WriteStartObject();
            json.WriteString("connectedAt", info.ConnectedAt.UtcDateTime);
            json.WriteStartObject("identity");
            json.WriteString("sourceIp", info.SourceIp);
            if (info.UserAgent is not null)
            {
                json.WriteString("userAgent", info.UserAgent);
            }
            json.WriteEndObject();
            json.WriteString("lastActiveAt", info.LastActiveAt.UtcDateTime);
            json.WriteEndObject();
            return;
        }
        var closed = local is not null
            ? await CloseLocalAsync(local)
            : edge is not null && await edge.Close(connectionId);
        if (!closed)
        {
            await Gone(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task<bool> CloseLocalAsync(WebSocketConnection connection)
    {
        await connection.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "Connection closed by the @connections API");
        return true;
    }

    /// <summary>The body, or null once it passes <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        using var copy = new MemoryStream(request.ContentLength is > 0 and var length ? (int)length : 0);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (copy.Length + read > maxBytes)
                {
                    return null;
                }
                copy.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        return copy.ToArray();
    }

    private static Task Forbidden(HttpContext context) =>
        AwsErrorResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "ForbiddenException", "Forbidden");

    private static Task Gone(HttpContext context) =>
        AwsErrorResponse.WriteAsync(context, StatusCodes.Status410Gone, "GoneException", "Gone");
}

using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Integrations;

/// <summary>
/// Calls a route's integration. HTTP integrations get the proxy-style event (body + request
/// context) as a JSON POST; HTTP_PROXY integrations get the raw message body with the context in
/// <c>x-amzn-*</c> headers; MOCK answers 200 with an empty body.
/// </summary>
internal sealed partial class WebSocketIntegrationInvoker(WebSocketMetrics metrics, ILogger<WebSocketIntegrationInvoker> logger) : IDisposable
{
    /// <summary>Largest integration response relayed to a client (the message limit).</summary>
    private const int MaxResponseBytes = 128 * 1024;

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        MaxConnectionsPerServer = 256,
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Invokes <paramref name="integration"/> for <paramref name="e"/>.</summary>
    public async Task<WebSocketIntegrationResult> InvokeAsync(WebSocketIntegration? integration, WebSocketEvent e, CancellationToken cancellationToken)
    {
        if (integration is null || integration.IntegrationType == "MOCK" || integration.IntegrationUri is null)
        {
            return new WebSocketIntegrationResult(200, []);
        }
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(integration.TimeoutInMillis);
        try
        {
            using var request = Build(integration, e);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadBoundedAsync(response.Content, timeout.Token);
            return new WebSocketIntegrationResult((int)response.StatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or InvalidOperationException)
        {
            Log.IntegrationFailed(logger, e.Connection.ApiId, e.RouteKey, ex.GetType().Name);
            return new WebSocketIntegrationResult(0, []);
        }
        finally
        {
            metrics.IntegrationLatency(e.Connection.ApiId, e.Connection.Stage, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage Build(WebSocketIntegration integration, WebSocketEvent e)
    {
        var method = integration.IntegrationMethod is null or "ANY" ? HttpMethod.Post : HttpMethod.Parse(integration.IntegrationMethod);
        var request = new HttpRequestMessage(method, integration.IntegrationUri);
        var c = e.Connection;
        if (integration.IntegrationType == "HTTP_PROXY")
        {
            request.Content = new ByteArrayContent(e.Body.ToArray());
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var headers = request.Headers;
            headers.TryAddWithoutValidation("x-amzn-connection-id", c.ConnectionId);
            headers.TryAddWithoutValidation("x-amzn-route-key", e.RouteKey);
            headers.TryAddWithoutValidation("x-amzn-event-type", e.EventType);
            headers.TryAddWithoutValidation("x-amzn-request-id", e.RequestId);
            headers.TryAddWithoutValidation("x-amzn-stage", c.Stage);
            headers.TryAddWithoutValidation("x-amzn-connected-at", c.ConnectedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            headers.TryAddWithoutValidation("x-amzn-source-ip", c.SourceIp);
            if (e.MessageId is not null)
            {
                headers.TryAddWithoutValidation("x-amzn-message-id", e.MessageId);
            }
            if (e.DisconnectStatusCode is { } code)
            {
                headers.TryAddWithoutValidation("x-amzn-disconnect-status-code", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return request;
        }
        var buffer = new ArrayBufferWriter<byte>(512 + e.Body.Length);
        WebSocketEventWriter.Write(buffer, e, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        request.Content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
        {
            return [];
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var copy = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (copy.Length + read > MaxResponseBytes)
                {
                    return [];
                }
                copy.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return copy.ToArray();
    }

    private static partial class Log
    {
        [LoggerMessage(6101, LogLevel.Information, "WebSocket API {ApiId} route {RouteKey}: integration failed ({Failure})")]
        public static partial void IntegrationFailed(ILogger logger, string apiId, string routeKey, string failure);
    }
}

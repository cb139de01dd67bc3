using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.Security.SigV4;

namespace OrleansGateway.Tests.WebSockets;

/// <summary>Defines WebSocket APIs through the management API, opens client sockets and calls @connections on any edge of a <see cref="LocalCluster"/>.</summary>
internal sealed class WebSocketClusterClient(LocalCluster cluster, TestSigV4Signer connectionsSigner) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Creates an API whose $connect, $disconnect and $default go to <paramref name="backend"/>, deployed to <c>prod</c>; returns its id.</summary>
    public static async Task<string> CreateApiAsync(ManagementClient management, RecordingBackend backend)
    {
        var api = await management.SendJsonAsync(HttpMethod.Post, "/v2/apis",
            new { name = "cluster-chat", protocolType = "WEBSOCKET", routeSelectionExpression = "$request.body.action" });
        var apiId = api.GetProperty("apiId").GetString()!;
        foreach (var (routeKey, path) in new[] { ("$connect", "/connect"), ("$disconnect", "/disconnect"), ("$default", "/default") })
        {
            var integration = await management.SendJsonAsync(HttpMethod.Post, $"/v2/apis/{apiId}/integrations",
                new { integrationType = "HTTP", integrationUri = backend.Url(path), integrationMethod = "POST" });
            await management.SendJsonAsync(HttpMethod.Post, $"/v2/apis/{apiId}/routes",
                new { routeKey, target = "integrations/" + integration.GetProperty("integrationId").GetString() });
        }
        await management.SendJsonAsync(HttpMethod.Post, $"/v2/apis/{apiId}/stages", new { stageName = "prod" });
        await management.SendJsonAsync(HttpMethod.Post, $"/v2/apis/{apiId}/deployments", new { stageName = "prod" });
        return apiId;
    }

    /// <summary>Opens a client on edge <paramref name="edge"/>, retrying until the deployment has reached that edge.</summary>
    public async Task<ClientWebSocket> ConnectAsync(int edge, string apiId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Host", Host(apiId));
            try
            {
                await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{DataPort(edge)}/prod"), CancellationToken.None);
                return socket;
            }
            catch (WebSocketException) when (DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Sends a signed @connections call through edge <paramref name="edge"/>.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ConnectionsAsync(int edge, HttpMethod method, string apiId, string connectionId, string? data = null)
    {
        var path = $"/prod/@connections/{Uri.EscapeDataString(connectionId)}";
        var payload = data is null ? [] : Encoding.UTF8.GetBytes(data);
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{DataPort(edge)}{path}");
        request.Headers.Host = Host(apiId);
        if (data is not null)
        {
            request.Content = new ByteArrayContent(payload);
        }
        foreach (var (name, value) in connectionsSigner.SignHeaders(method.Method, new Uri($"http://{Host(apiId)}{path}"), payload, DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Receives one text message (or null when the socket closes first).</summary>
    public static async Task<string?> ReceiveTextAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, cancel.Token);
        return result.MessageType == WebSocketMessageType.Close ? null : Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    /// <summary>The connection id the backend saw on the latest $connect.</summary>
    public static string LatestConnectionId(RecordingBackend backend) => backend.ConnectionIdsAt("/connect")[^1];

    /// <summary>Reads a JSON property of a GetConnection answer.</summary>
    public static string? Property(string json, string name) => JsonDocument.Parse(json).RootElement.GetProperty(name).ToString();

    public void Dispose() => _http.Dispose();

    private int DataPort(int edge) => cluster.DataPlaneRequest(edge, "x", "/").RequestUri!.Port;

    private static string Host(string apiId) => $"{apiId}.execute-api.localhost";
}

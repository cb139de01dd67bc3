using System.Net.WebSockets;
using System.Text;
using OrleansGateway.Tests.Cluster;

namespace OrleansGateway.Tests.WebSockets;

/// <summary>
/// A usage plan's quota metering WebSocket connections on two edges at once, on real processes
/// (redis-server, a silo, 2 edges, a real HTTP backend, ClientWebSocket clients): the key's quota is
/// one cluster-wide budget spent through the edges' leases, never over-admitted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WebSocketUsageClusterTests : IAsyncLifetime
{
    private const int Quota = 8;
    private const int MessagesPerEdge = 10;

    private LocalCluster _cluster = null!;
    private RecordingBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _cluster = await LocalCluster.StartAsync(silos: 1, edges: 2);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task A_keys_quota_is_shared_by_its_connections_on_both_edges_and_never_over_admitted()
    {
        using var management = _cluster.Management(0);
        var apiId = await WebSocketClusterClient.CreateApiAsync(management, _backend);
        var routes = await management.SendAsync(HttpMethod.Get, $"/v2/apis/{apiId}/routes", null);
        var connectRoute = routes.GetProperty("items").EnumerateArray().First(r => r.GetProperty("routeKey").GetString() == "$connect").GetProperty("routeId").GetString();
        await management.SendJsonAsync(HttpMethod.Patch, $"/v2/apis/{apiId}/routes/{connectRoute}", new { apiKeyRequired = true });
        await management.SendJsonAsync(HttpMethod.Post, $"/v2/apis/{apiId}/deployments", new { stageName = "prod" });
        var key = "ws-cluster-key-" + Guid.NewGuid().ToString("N");
        var keyId = (await management.SendJsonAsync(HttpMethod.Post, "/apikeys", new { name = "tenant", enabled = true, value = key })).GetProperty("id").GetString()!;
        var planId = (await management.SendJsonAsync(HttpMethod.Post, "/usageplans", new
        {
            name = "ws-quota",
            apiStages = new[] { new { apiId, stage = "prod" } },
            quota = new { limit = Quota, period = "DAY" },
        })).GetProperty("id").GetString()!;
        await management.SendJsonAsync(HttpMethod.Post, $"/usageplans/{planId}/keys", new { keyId, keyType = "API_KEY" });

        // Each edge must serve the redeployed $connect (a keyless connect refused) before the keyed one,
        // else the keyed connection would not be metered. Each keyed connect spends one unit.
        var sockets = new List<ClientWebSocket>();
        for (var edge = 0; edge < 2; edge++)
        {
            Assert.True(await RefusedWithoutKeyAsync(edge, apiId), $"edge {edge} never required the key\n{_cluster.Logs()}");
            sockets.Add(await ConnectWithKeyAsync(edge, apiId, key));
        }
        var before = _backend.Calls.Count(call => call.Path == "/default");

        var frames = await Task.WhenAll(sockets.Select(SendAndCollectRefusalsAsync));
        var refused = frames.SelectMany(f => f).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        int admitted;
        while ((admitted = _backend.Calls.Count(call => call.Path == "/default") - before) + refused.Count < 2 * MessagesPerEdge && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(2 * MessagesPerEdge, admitted + refused.Count);
        // Two connects spent two units: at most Quota - 2 messages; per-edge budgets would have admitted up to 2 x 7.
        Assert.InRange(admitted, 1, Quota - 2);
        Assert.All(refused, frame => Assert.Contains("\"message\": \"Limit Exceeded\"", frame, StringComparison.Ordinal));
        Assert.All(sockets, socket => Assert.Equal(WebSocketState.Open, socket.State));
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    private async Task<bool> RefusedWithoutKeyAsync(int edge, string apiId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var socket = Client(apiId, null);
            try
            {
                await socket.ConnectAsync(Uri(edge), CancellationToken.None);
            }
            catch (WebSocketException)
            {
                if (socket.HttpStatusCode == System.Net.HttpStatusCode.Forbidden)
                {
                    return true;
                }
            }
            await Task.Delay(250);
        }
        return false;
    }

    private async Task<ClientWebSocket> ConnectWithKeyAsync(int edge, string apiId, string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var socket = Client(apiId, key);
            try
            {
                await socket.ConnectAsync(Uri(edge), CancellationToken.None);
                return socket;
            }
            catch (WebSocketException) when (DateTime.UtcNow < deadline)
            {
                // The plan and key reach the edge asynchronously.
                socket.Dispose();
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Sends the messages, then collects the error frames (admitted messages go one-way to the backend) until the socket is quiet.</summary>
    private static async Task<List<string>> SendAndCollectRefusalsAsync(ClientWebSocket socket)
    {
        for (var i = 0; i < MessagesPerEdge; i++)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes($$"""{"action":"metered","n":{{i}}}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        var frames = new List<string>();
        var buffer = new byte[4096];
        while (frames.Count < MessagesPerEdge)
        {
            // Not cancelled (a cancelled receive aborts the socket): a receive still pending after 5 s of quiet ends the wait.
            var receive = socket.ReceiveAsync(buffer, CancellationToken.None);
            if (await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(5))) != receive)
            {
                break;
            }
            var result = await receive;
            frames.Add(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        return frames;
    }

    private ClientWebSocket Client(string apiId, string? key)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", $"{apiId}.execute-api.localhost");
        socket.Options.CollectHttpResponseDetails = true;
        if (key is not null)
        {
            socket.Options.SetRequestHeader("x-api-key", key);
        }
        return socket;
    }

    private Uri Uri(int edge) => new($"ws://127.0.0.1:{_cluster.DataPlaneRequest(edge, "x", "/").RequestUri!.Port}/prod");
}

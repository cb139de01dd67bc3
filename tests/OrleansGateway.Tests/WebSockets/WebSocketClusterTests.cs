using System.Net;
using System.Net.WebSockets;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.IamTests;
using OrleansGateway.Tests.Security.SigV4;

namespace OrleansGateway.Tests.WebSockets;

/// <summary>
/// @connections across edges and the cleanup of a dead edge's connections, on real processes:
/// redis-server, 2 silos, 2 edges, a real HTTP backend and ClientWebSocket clients.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WebSocketClusterTests : IAsyncLifetime
{
    private LocalCluster _cluster = null!;
    private RecordingBackend _backend = null!;
    private WebSocketClusterClient _client = null!;
    private string _apiId = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _cluster = await LocalCluster.StartAsync(silos: 2, edges: 2);
        using var management = _cluster.Management(0);
        _apiId = await WebSocketClusterClient.CreateApiAsync(management, _backend);

        using var iam = new IamQueryClient($"http://127.0.0.1:{_cluster.ManagementPort(0)}", LocalCluster.AccessKeyId, LocalCluster.SecretAccessKey);
        await iam.OkAsync("CreateUser", ("UserName", "pusher"));
        await iam.OkAsync("PutUserPolicy", ("UserName", "pusher"), ("PolicyName", "manage"),
            ("PolicyDocument", $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:ManageConnections","Resource":"arn:aws:execute-api:*:*:{{_apiId}}/*"}]}"""));
        var key = (await iam.OkAsync("CreateAccessKey", ("UserName", "pusher"))).Element(IamQueryClient.Iam + "AccessKey")!;
        var signer = new TestSigV4Signer(key.Element(IamQueryClient.Iam + "AccessKeyId")!.Value, key.Element(IamQueryClient.Iam + "SecretAccessKey")!.Value, "us-east-1", "execute-api");
        _client = new WebSocketClusterClient(_cluster, signer);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await _cluster.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task A_connection_on_one_edge_is_posted_to_described_and_closed_through_the_other_edge_then_is_gone()
    {
        using var socket = await _client.ConnectAsync(0, _apiId, TimeSpan.FromSeconds(60));
        var connectionId = WebSocketClusterClient.LatestConnectionId(_backend);
        // Edge 1 may not have this API yet: poll until it delivers.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        (HttpStatusCode Status, string Body) posted;
        do
        {
            posted = await _client.ConnectionsAsync(1, HttpMethod.Post, _apiId, connectionId, "across edges");
        }
        while (posted.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Delay());
        Assert.True(posted.Status == HttpStatusCode.OK, $"POST via edge 1: {posted}\n{_cluster.Logs()}");
        Assert.Equal("across edges", await WebSocketClusterClient.ReceiveTextAsync(socket, TimeSpan.FromSeconds(10)));

        var described = await _client.ConnectionsAsync(1, HttpMethod.Get, _apiId, connectionId);
        Assert.Equal(HttpStatusCode.OK, described.Status);
        Assert.Contains("\"sourceIp\":\"127.0.0.1\"", described.Body);
        Assert.NotNull(WebSocketClusterClient.Property(described.Body, "connectedAt"));

        var deleted = await _client.ConnectionsAsync(1, HttpMethod.Delete, _apiId, connectionId);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Null(await WebSocketClusterClient.ReceiveTextAsync(socket, TimeSpan.FromSeconds(10)));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);

        var gone = await _client.ConnectionsAsync(1, HttpMethod.Get, _apiId, connectionId);
        Assert.Equal(HttpStatusCode.Gone, gone.Status);
        var goneLocally = await _client.ConnectionsAsync(0, HttpMethod.Post, _apiId, connectionId, "late");
        Assert.Equal(HttpStatusCode.Gone, goneLocally.Status);
    }

    [Fact]
    public async Task When_an_edge_dies_its_connections_are_gone_within_30_seconds_and_the_cluster_fires_their_disconnect()
    {
        using var socket = await _client.ConnectAsync(1, _apiId, TimeSpan.FromSeconds(60));
        var connectionId = WebSocketClusterClient.LatestConnectionId(_backend);
        // The cluster learns of a connection with the edge's next lease renewal (every 5 s): wait for it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        (HttpStatusCode Status, string Body) described;
        do
        {
            described = await _client.ConnectionsAsync(0, HttpMethod.Get, _apiId, connectionId);
        }
        while (described.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Delay());
        Assert.True(described.Status == HttpStatusCode.OK, $"GET via edge 0: {described}\n{_cluster.Logs()}");
        await Task.Delay(TimeSpan.FromSeconds(6)); // one renewal reports the connection to its edge's lease grain

        _cluster.KillEdge(1);
        var killed = DateTime.UtcNow;

        HttpStatusCode status;
        do
        {
            try
            {
                status = (await _client.ConnectionsAsync(0, HttpMethod.Get, _apiId, connectionId)).Status;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Assert.Fail($"edge 0 did not answer: {e.Message}\n{_cluster.Logs()}");
                throw;
            }
        }
        while (status != HttpStatusCode.Gone && DateTime.UtcNow - killed < TimeSpan.FromSeconds(45) && await Delay());
        var goneAfter = DateTime.UtcNow - killed;
        Assert.True(status == HttpStatusCode.Gone, $"still {status} {goneAfter} after the kill\n{_cluster.Logs()}");
        Assert.True(goneAfter < TimeSpan.FromSeconds(30), $"410 only after {goneAfter}");

        var fired = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!_backend.ConnectionIdsAt("/disconnect").Contains(connectionId) && DateTime.UtcNow < fired)
        {
            await Task.Delay(200);
        }
        Assert.Contains(connectionId, _backend.ConnectionIdsAt("/disconnect"));
        var disconnect = _backend.Calls.Last(call => call.Path == "/disconnect").Event.GetProperty("requestContext");
        Assert.Equal("DISCONNECT", disconnect.GetProperty("eventType").GetString());
        Assert.Equal(1006, disconnect.GetProperty("disconnectStatusCode").GetInt32());
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Cluster;

/// <summary>
/// A real cluster on loopback, as deploy/local-cluster.sh starts it: redis-server, silo processes
/// and edge processes (external Orleans clients) — plus an echo backend for the data plane.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string AccessKeyId = "AKIACLUSTERTESTKEY01";
    public const string SecretAccessKey = "cluster-test-secret-0123456789abcdefghij";

    /// <summary>The API key secret every edge shares (they must agree on key hashes).</summary>
    public const string ApiKeySecret = "Y2x1c3Rlci10ZXN0LWFwaS1rZXktc2VjcmV0LTMyYnl0ZXMhIQ==";

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("og-cluster-").FullName;
    private readonly int _redisPort = FreePorts.Next();
    private readonly List<ChildProcess> _processes = [];
    private readonly Dictionary<int, ChildProcess> _silos = [];
    private readonly List<(ChildProcess Process, int DataPort, int ManagementPort)> _edges = [];
    private WebApplication? _backend;
    private string[] _edgeSettings = [];

    public int BackendPort { get; } = FreePorts.Next();

    /// <summary>Starts Redis, the backend, the silos and the edges (with <paramref name="edgeSettings"/> as extra <c>--Key=Value</c> arguments).</summary>
    public static async Task<LocalCluster> StartAsync(int silos, int edges, params string[] edgeSettings)
    {
        var cluster = new LocalCluster { _edgeSettings = edgeSettings };
        try
        {
            await cluster.StartRedisAsync();
            cluster._backend = OrleansGateway.Edge.DevMode.EchoBackend.Build(cluster.BackendPort);
            await cluster._backend.StartAsync();
            for (var i = 1; i <= silos; i++)
            {
                cluster.StartSilo(i);
            }
            for (var i = 1; i <= edges; i++)
            {
                cluster.StartEdge();
            }
            for (var i = 0; i < edges; i++)
            {
                await cluster.WaitUntilServingAsync(i, TimeSpan.FromSeconds(90));
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Edge <paramref name="edge"/>'s management port (for clients other than <see cref="ManagementClient"/>, e.g. IAM's query API).</summary>
    public int ManagementPort(int edge) => _edges[edge].ManagementPort;

    /// <summary>A management client signed with the cluster's admin key, talking to edge <paramref name="edge"/> (0-based).</summary>
    public ManagementClient Management(int edge) => new($"http://127.0.0.1:{_edges[edge].ManagementPort}", AccessKeyId, SecretAccessKey);

    /// <summary>Sends a data-plane request to edge <paramref name="edge"/> (0-based) for <c>{apiId}.execute-api.localhost/{stage}{path}</c>.</summary>
    public async Task<HttpResponseMessage> InvokeAsync(HttpClient http, int edge, string apiId, string stageAndPath, CancellationToken cancellationToken = default)
    {
        using var request = DataPlaneRequest(edge, apiId, stageAndPath);
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>A GET for <c>{apiId}.execute-api.localhost/{stage}{path}</c> on edge <paramref name="edge"/> (0-based).</summary>
    public HttpRequestMessage DataPlaneRequest(int edge, string apiId, string stageAndPath)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_edges[edge].DataPort}{stageAndPath}");
        request.Headers.Host = $"{apiId}.execute-api.localhost";
        return request;
    }

    public void StartSilo(int index)
    {
        var silo = ChildProcess.Start($"silo{index}", "dotnet",
        [
            RepositoryPaths.SiloDll, $"--Gateway:Cluster:Redis=127.0.0.1:{_redisPort}",
            $"--Gateway:Cluster:SiloPort={FreePorts.Next()}", $"--Gateway:Cluster:GatewayPort={FreePorts.Next()}",
        ]);
        _silos[index] = silo;
        _processes.Add(silo);
    }

    /// <summary>Kills silo <paramref name="index"/> (1-based) without a graceful shutdown.</summary>
    public void KillSilo(int index) => _silos[index].Kill();

    /// <summary>Kills edge <paramref name="edge"/> (0-based) without a graceful shutdown: its leases are never returned.</summary>
    public void KillEdge(int edge) => _edges[edge].Process.Kill();

    public void StartEdge()
    {
        int dataPort = FreePorts.Next(), managementPort = FreePorts.Next();
        var edge = ChildProcess.Start($"edge{_edges.Count + 1}", "dotnet",
        [
            RepositoryPaths.EdgeDll, "--Gateway:Mode=Cluster", $"--Gateway:Cluster:Redis=127.0.0.1:{_redisPort}",
            $"--Gateway:EdgeId=edge{_edges.Count + 1}", $"--Gateway:DataPlane:HttpPort={dataPort}", "--Gateway:DataPlane:HttpsPort=0",
            $"--Gateway:Management:Port={managementPort}", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:OrleansGateway=Information", .. _edgeSettings,
        ],
        new Dictionary<string, string>
        {
            ["GATEWAY_ADMIN_ACCESS_KEY_ID"] = AccessKeyId,
            ["GATEWAY_ADMIN_SECRET_ACCESS_KEY"] = SecretAccessKey,
            ["Gateway__ApiKeys__Secret"] = ApiKeySecret,
        });
        _edges.Add((edge, dataPort, managementPort));
        _processes.Add(edge);
    }

    /// <summary>Waits until the edge has synced with the cluster (its data plane stops answering 503).</summary>
    public async Task WaitUntilServingAsync(int edge, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await InvokeAsync(http, edge, "none", "/x");
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"edge {edge} did not start serving.\n{Logs()}");
    }

    /// <summary>Every process's recent output, for failure messages.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => $"===== {p.Name} =====\n{p.Output[^Math.Min(p.Output.Length, 4000)..]}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // redis may still be closing its files
        }
    }

    private async Task StartRedisAsync()
    {
        var redis = ChildProcess.Start("redis", "redis-server",
        [
            "--port", _redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _stateDirectory, "--appendonly", "yes", "--save", "",
        ]);
        _processes.Add(redis);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _redisPort);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("redis-server did not start:\n" + redis.Output);
    }
}

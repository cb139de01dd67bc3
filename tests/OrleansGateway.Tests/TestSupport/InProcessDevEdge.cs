using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using OrleansGateway.Tests.Cluster;

namespace OrleansGateway.Tests.TestSupport;

/// <summary>
/// A whole dev-mode edge (co-hosted silo, memory storage, data plane, signed management API) built
/// by the real <c>Program.Build</c> and run in this process on free loopback ports.
/// </summary>
public sealed class InProcessDevEdge : IAsyncLifetime
{
    public const string AccessKeyId = "AKIAINPROCESSDEVEDGE";
    public const string SecretAccessKey = "in-process-dev-edge-secret-0123456789abc";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("og-dev-edge-").FullName;
    private WebApplication? _app;

    public int DataPort { get; private set; } = FreePorts.Next();

    public int ManagementPort { get; private set; } = FreePorts.Next();

    /// <summary>The data plane's host in request URLs (<c>[::1]</c> with <c>--Gateway:DataPlane:Address=::1</c> in <see cref="Settings"/>).</summary>
    public string DataHost { get; set; } = "127.0.0.1";

    /// <summary>Extra <c>--Key=Value</c> settings, set before <see cref="InitializeAsync"/>.</summary>
    public List<string> Settings { get; } = [];

    public HttpClient Data { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public ManagementClient Management() => new($"http://127.0.0.1:{ManagementPort}", AccessKeyId, SecretAccessKey);

    public async Task InitializeAsync()
    {
        // A port that was free a moment ago can be taken by any socket on the machine (an outgoing
        // connection's ephemeral port, another test's process) before the edge binds it: start again
        // on fresh ports rather than fail the test for it.
        for (var attempt = 1; ; attempt++)
        {
            _app = Build();
            try
            {
                await _app.StartAsync();
                break;
            }
            catch (Exception e) when (attempt < 5 && IsAddressInUse(e))
            {
                await _app.DisposeAsync();
                DataPort = FreePorts.Next();
                ManagementPort = FreePorts.Next();
            }
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await GetAsync("none", "/x");
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return;
            }
            await Task.Delay(100);
        }
    }

    private WebApplication Build() => OrleansGateway.Edge.Program.Build(
        [
            "--Gateway:Mode=Dev", $"--Gateway:DataPlane:HttpPort={DataPort}", "--Gateway:DataPlane:HttpsPort=0",
            $"--Gateway:Management:Port={ManagementPort}", $"--Gateway:Dev:DataDirectory={_dataDirectory}",
            "--Gateway:Dev:EchoBackendPort=0", "--Gateway:Dev:DeploySamples=false",
            $"--Gateway:Dev:SiloPort={FreePorts.Next()}", $"--Gateway:Dev:OrleansGatewayPort={FreePorts.Next()}",
            $"--Gateway:Admin:AccessKeyId={AccessKeyId}", $"--Gateway:Admin:SecretAccessKey={SecretAccessKey}",
            "--Logging:LogLevel:Default=Warning", .. Settings,
        ]);

    private static bool IsAddressInUse(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                || inner is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A data-plane GET for <c>{apiId}.execute-api.localhost{stageAndPath}</c>, with optional headers.</summary>
    public Task<HttpResponseMessage> GetAsync(string apiId, string stageAndPath, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://{DataHost}:{DataPort}{stageAndPath}");
        request.Headers.Host = $"{apiId}.execute-api.localhost";
        headers?.Invoke(request.Headers);
        return Data.SendAsync(request);
    }

    /// <summary>
    /// Probes GET <paramref name="stageAndPath"/> until <paramref name="ready"/> holds (default: 200),
    /// for at most 15 s: a deployment reaches the edge by a push, not with the management call's answer.
    /// </summary>
    public async Task WaitUntilServedAsync(string apiId, string stageAndPath, Func<HttpResponseMessage, bool>? ready = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = await GetAsync(apiId, stageAndPath);
            if (ready?.Invoke(probe) ?? probe.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{stageAndPath} of API {apiId} was not served within 15 s: the deployment did not reach the edge");
    }

    public async Task DisposeAsync()
    {
        Data.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

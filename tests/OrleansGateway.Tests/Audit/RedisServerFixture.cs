using System.Net;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.TestSupport;
using StackExchange.Redis;

namespace OrleansGateway.Tests.Audit;

/// <summary>A real redis-server on a free loopback port, shared by a test class.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private ChildProcess? _process;

    public int Port { get; } = FreePorts.Next();

    public string Configuration => $"127.0.0.1:{Port}";

    public ConnectionMultiplexer? Connection { get; private set; }

    public IDatabase Database => Connection!.GetDatabase();

    public async Task InitializeAsync()
    {
        _process = ChildProcess.Start("redis", "redis-server",
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                Connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("redis-server did not start:\n" + _process.Output);
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }
        _process?.Dispose();
    }
}

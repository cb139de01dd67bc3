using System.Globalization;
using System.Net;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.TestSupport;
using StackExchange.Redis;

namespace OrleansGateway.Tests.Audit;

/// <summary>
/// A real redis-server a test can stop (killed, like a crash) and start again on the same port and
/// data directory; every write is fsync'd (<c>appendfsync always</c>), so a restart keeps what was acknowledged.
/// </summary>
public sealed class RestartableRedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("redis-restartable-").FullName;
    private ChildProcess? _process;

    public int Port { get; } = FreePorts.Next();

    public string Configuration => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        _process = ChildProcess.Start("redis", "redis-server",
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
             "--save", "", "--appendonly", "yes", "--appendfsync", "always"]);
        for (var i = 0; i < 300; i++)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(Configuration + ",connectTimeout=1000");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("redis-server did not start:\n" + _process.Output);
    }

    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    /// <summary>A short-lived connection for reading what the trail stored.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Configuration);

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; a test result never depends on it.
        }
        return ValueTask.CompletedTask;
    }
}

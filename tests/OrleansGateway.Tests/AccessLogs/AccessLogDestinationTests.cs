using System.Net;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.AccessLogs;
using OrleansGateway.Silo.Hosting;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.TestSupport;
using StackExchange.Redis;

namespace OrleansGateway.Tests.AccessLogs;

/// <summary>Destinations built from configuration text, writing to a real file and a real redis-server.</summary>
public sealed class AccessLogDestinationTests
{
    private static AccessLogDestinations Destinations(string group, string destination, int maxFileBytes = 1000, int maxFiles = 3, int redisPort = 6379) => new(
        Options.Create(new AccessLogOptions
        {
            Destinations = new() { [group] = destination },
            MaxFileBytes = maxFileBytes,
            MaxFiles = maxFiles,
            RedisMaxLength = 1000,
        }),
        Options.Create(new GatewayClusterOptions { Redis = $"127.0.0.1:{redisPort}" }));

    [Fact]
    public async Task A_file_destination_rotates_by_size_and_keeps_MaxFiles_files_in_all()
    {
        var directory = Directory.CreateTempSubdirectory("og-access-rotate-").FullName;
        try
        {
            var path = Path.Combine(directory, "a.log");
            await using (var destinations = Destinations("g", "file:" + path, maxFileBytes: 100, maxFiles: 3))
            {
                var sink = destinations.Find("g")!;
                for (var i = 0; i < 10; i++)
                {
                    // 40 bytes with the line break: two lines per 100-byte file.
                    await sink.WriteAsync($"line-{i}-".PadRight(39, 'x'), CancellationToken.None);
                }
                await sink.FlushAsync(CancellationToken.None);
            }

            Assert.Equal(["a.log", "a.log.1", "a.log.2"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.All(Directory.GetFiles(directory), file => Assert.InRange(new FileInfo(file).Length, 1, 100));
            var current = await File.ReadAllLinesAsync(path);
            Assert.Equal(["line-8-", "line-9-"], current.Select(l => l[..7]));
            Assert.StartsWith("line-6-", (await File.ReadAllLinesAsync(path + ".1"))[0], StringComparison.Ordinal);
            Assert.StartsWith("line-4-", (await File.ReadAllLinesAsync(path + ".2"))[0], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_log_group_without_a_destination_has_no_sink()
    {
        var destinations = Destinations("g", "stdout");

        Assert.Null(destinations.Find("other"));
        Assert.IsType<StdoutAccessLogSink>(destinations.Find("g"));
    }

    [Theory]
    [InlineData("stdout", false, true)]
    [InlineData("file:/tmp/x.log", false, true)]
    [InlineData("redis:gateway:access", true, true)]
    [InlineData("redis:gateway:access", false, false)]
    [InlineData("file:", false, false)]
    [InlineData("cloudwatch", true, false)]
    public void Destination_text_is_validated_and_redis_needs_cluster_mode(string destination, bool clusterMode, bool valid)
    {
        Assert.Equal(valid, AccessLogDestinations.IsValid(destination, clusterMode));
    }

    [Fact]
    public async Task A_redis_destination_appends_each_line_to_the_stream_on_the_cluster_redis()
    {
        var port = FreePorts.Next();
        var directory = Directory.CreateTempSubdirectory("og-access-redis-").FullName;
        using var redis = ChildProcess.Start("redis", "redis-server",
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory, "--save", ""]);
        try
        {
            await WaitForPortAsync(port);
            await using (var destinations = Destinations("g", "redis:gateway:access", redisPort: port))
            {
                var sink = destinations.Find("g")!;
                await sink.WriteAsync("first line", CancellationToken.None);
                await sink.WriteAsync("second line", CancellationToken.None);
            }

            await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
            var entries = await connection.GetDatabase().StreamRangeAsync("gateway:access");
            Assert.Equal(["first line", "second line"], entries.Select(e => (string)e["line"]!));
        }
        finally
        {
            redis.Kill();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("redis-server did not start");
    }
}

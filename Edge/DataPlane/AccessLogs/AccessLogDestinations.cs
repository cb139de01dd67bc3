using Microsoft.Extensions.Options;
using OrleansGateway.Silo.Hosting;
using StackExchange.Redis;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>
/// The configured destinations by log group name (<c>Gateway:AccessLogs:Destinations</c>), each
/// sink created on first use. Used only by the <see cref="AccessLogWriter"/>'s single loop.
/// </summary>
internal sealed class AccessLogDestinations : IAsyncDisposable
{
    /// <summary>The <c>stdout</c> destination.</summary>
    public const string Stdout = "stdout";

    /// <summary>The prefix of a file destination.</summary>
    public const string FilePrefix = "file:";

    /// <summary>The prefix of a Redis stream destination.</summary>
    public const string RedisPrefix = "redis:";

    private readonly Dictionary<string, string> _configured;
    private readonly Func<string, IAccessLogSink> _create;
    private readonly Dictionary<string, IAccessLogSink> _sinks = new(StringComparer.Ordinal);
    private readonly Lazy<Task<IConnectionMultiplexer>>? _redis;

    /// <summary>Destinations from configuration, with sinks created from their text.</summary>
    public AccessLogDestinations(IOptions<AccessLogOptions> options, IOptions<GatewayClusterOptions> cluster)
    {
        var settings = options.Value;
        _configured = new(settings.Destinations, StringComparer.Ordinal);
        var redisOptions = ConfigurationOptions.Parse(cluster.Value.Redis);
        // Connect in the background and keep retrying: a Redis that is down at the first line must not break the destination for good.
        redisOptions.AbortOnConnectFail = false;
        var redis = _redis = new Lazy<Task<IConnectionMultiplexer>>(
            async () => await ConnectionMultiplexer.ConnectAsync(redisOptions));
        _create = destination => destination switch
        {
            Stdout => new StdoutAccessLogSink(),
            _ when destination.StartsWith(FilePrefix, StringComparison.Ordinal) =>
                new RotatingFileAccessLogSink(destination[FilePrefix.Length..], settings.MaxFileBytes, settings.MaxFiles),
            _ => new RedisStreamAccessLogSink(redis, destination[RedisPrefix.Length..], settings.RedisMaxLength),
        };
    }

    /// <summary>Fixed sinks by log group name (tests).</summary>
    public AccessLogDestinations(IReadOnlyDictionary<string, IAccessLogSink> sinks)
    {
        _configured = sinks.ToDictionary(pair => pair.Key, pair => pair.Key, StringComparer.Ordinal);
        _create = name => sinks[name];
    }

    /// <summary>True when at least one destination is configured (otherwise no request pays for access logging).</summary>
    public bool Any => _configured.Count > 0;

    /// <summary>The sink for <paramref name="logGroupName"/>; null when none is configured.</summary>
    public IAccessLogSink? Find(string logGroupName)
    {
        if (_sinks.TryGetValue(logGroupName, out var sink))
        {
            return sink;
        }
        if (!_configured.TryGetValue(logGroupName, out var destination))
        {
            return null;
        }
        return _sinks[logGroupName] = _create(destination);
    }

    /// <summary>Whether <paramref name="destination"/> is one of the accepted forms (options validation).</summary>
    public static bool IsValid(string destination, bool clusterMode) =>
        destination == Stdout
        || (destination.StartsWith(FilePrefix, StringComparison.Ordinal) && destination.Length > FilePrefix.Length)
        || (clusterMode && destination.StartsWith(RedisPrefix, StringComparison.Ordinal) && destination.Length > RedisPrefix.Length);

    public async ValueTask DisposeAsync()
    {
        foreach (var sink in _sinks.Values)
        {
            await sink.DisposeAsync();
        }
        _sinks.Clear();
        if (_redis is { IsValueCreated: true, Value.IsCompletedSuccessfully: true })
        {
            await _redis.Value.Result.DisposeAsync();
        }
    }
}

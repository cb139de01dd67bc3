using StackExchange.Redis;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>
/// Adds each line to a Redis stream (<c>redis:{streamKey}</c>) of the cluster's Redis, as an entry
/// with one field <c>line</c>, trimmed with <c>XADD … MAXLEN ~ n</c> so the stream cannot grow without bound.
/// </summary>
internal sealed class RedisStreamAccessLogSink(Lazy<Task<IConnectionMultiplexer>> connection, string streamKey, int maxLength) : IAccessLogSink
{
    private const string Field = "line";

    public async ValueTask WriteAsync(string line, CancellationToken cancellationToken)
    {
        var redis = await connection.Value.WaitAsync(cancellationToken);
        await redis.GetDatabase().StreamAddAsync(streamKey, Field, line, maxLength: maxLength, useApproximateMaxLength: true);
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

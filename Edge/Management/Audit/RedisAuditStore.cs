using StackExchange.Redis;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// The trail in Redis: <c>{prefix}:records</c> (a list, position = sequence − 1), <c>{prefix}:head</c>
/// (a string) and <c>{prefix}:digests</c> (a list). An append is one MULTI/EXEC guarded by the head's
/// value, so it is all-or-nothing and concurrent edges retry instead of forking the chain.
/// </summary>
public sealed class RedisAuditStore : IAuditStore, IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly RedisKey _records;
    private readonly RedisKey _head;
    private readonly RedisKey _digests;

    /// <summary>A store on <paramref name="configuration"/> under <paramref name="keyPrefix"/>.</summary>
    public RedisAuditStore(string configuration, string keyPrefix)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Keep retrying in the background: a Redis that is down at start must not break the trail for good.
        options.AbortOnConnectFail = false;
        // Fail at once while disconnected instead of queueing for the command timeout: the recorder
        // then spools the record on disk, and the caller is not held for seconds per call.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        _connection = new(() => ConnectionMultiplexer.ConnectAsync(options));
        _records = keyPrefix + ":records";
        _head = keyPrefix + ":head";
        _digests = keyPrefix + ":digests";
    }

    /// <inheritdoc/>
    public async Task<string?> ReadHeadAsync(CancellationToken cancellationToken) =>
        await (await DatabaseAsync(cancellationToken)).StringGetAsync(_head);

    /// <inheritdoc/>
    public async Task<bool> TryAppendAsync(string? expectedHead, string line, string newHead, string? digest, CancellationToken cancellationToken)
    {
        var transaction = (await DatabaseAsync(cancellationToken)).CreateTransaction();
        transaction.AddCondition(expectedHead is null ? Condition.KeyNotExists(_head) : Condition.StringEqual(_head, expectedHead));
        _ = transaction.ListRightPushAsync(_records, line);
        _ = transaction.StringSetAsync(_head, newHead);
        if (digest is not null)
        {
            _ = transaction.ListRightPushAsync(_digests, digest);
        }
        return await transaction.ExecuteAsync();
    }

    /// <inheritdoc/>
    public async Task<long> CountAsync(CancellationToken cancellationToken) =>
        await (await DatabaseAsync(cancellationToken)).ListLengthAsync(_records);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ReadRecordsAsync(long start, int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }
        var values = await (await DatabaseAsync(cancellationToken)).ListRangeAsync(_records, start, start + count - 1);
        return Array.ConvertAll(values, value => value.ToString());
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ReadDigestsAsync(CancellationToken cancellationToken)
    {
        var values = await (await DatabaseAsync(cancellationToken)).ListRangeAsync(_digests);
        return Array.ConvertAll(values, value => value.ToString());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    private async Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken) =>
        (await _connection.Value.WaitAsync(cancellationToken)).GetDatabase();
}

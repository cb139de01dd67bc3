namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Dev mode's trail: in memory, and when a file is configured also appended to it (one line per
/// record, flushed before the append returns) and reloaded from it at start. Head and digests live
/// in memory only, so after a restart <c>verify</c> checks the reloaded records' chain but has no
/// signed head for them until the next append.
/// </summary>
public sealed class MemoryAuditStore(string? filePath) : IAuditStore
{
    private readonly Lock _gate = new();
    private readonly List<string> _records = Load(filePath);
    private readonly List<string> _digests = [];
    private string? _head;

    /// <inheritdoc/>
    public Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_head);
        }
    }

    /// <inheritdoc/>
    public Task<bool> TryAppendAsync(string? expectedHead, string line, string newHead, string? digest, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!string.Equals(_head, expectedHead, StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }
            if (filePath is not null)
            {
                File.AppendAllLines(filePath, [line]);
            }
            _records.Add(line);
            _head = newHead;
            if (digest is not null)
            {
                _digests.Add(digest);
            }
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_records.Count);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ReadRecordsAsync(long start, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var from = (int)Math.Clamp(start, 0, _records.Count);
            var take = Math.Clamp(count, 0, _records.Count - from);
            return Task.FromResult<IReadOnlyList<string>>(_records.GetRange(from, take));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ReadDigestsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _digests]);
        }
    }

    private static List<string> Load(string? path) =>
        path is not null && File.Exists(path) ? [.. File.ReadAllLines(path).Where(line => line.Length > 0)] : [];
}

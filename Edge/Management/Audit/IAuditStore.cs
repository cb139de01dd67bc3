namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Where the chain lives: an ordered list of record lines (<c>{hash} {body}</c>), a signed head and a
/// list of signed digests. Appends are compare-and-set on the head so edges that append at the same
/// time cannot fork the chain.
/// </summary>
public interface IAuditStore
{
    /// <summary>The stored head (<c>{sequence} {hash} {signature}</c>), or null for an empty trail.</summary>
    Task<string?> ReadHeadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="line"/> and replaces the head with <paramref name="newHead"/> (and adds
    /// <paramref name="digest"/> when given) only if the head is still <paramref name="expectedHead"/>;
    /// false when another writer got there first. Returns once the write is acknowledged by the store.
    /// </summary>
    Task<bool> TryAppendAsync(string? expectedHead, string line, string newHead, string? digest, CancellationToken cancellationToken);

    /// <summary>How many record lines are stored.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> record lines from position <paramref name="start"/> (0-based), in stored order.</summary>
    Task<IReadOnlyList<string>> ReadRecordsAsync(long start, int count, CancellationToken cancellationToken);

    /// <summary>Every stored digest, in stored order.</summary>
    Task<IReadOnlyList<string>> ReadDigestsAsync(CancellationToken cancellationToken);
}

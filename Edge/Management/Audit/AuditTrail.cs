namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Appends management calls to the hash chain: each record names its sequence number and the previous
/// record's hash, the head is re-signed on every append, and every <see cref="AuditOptions.DigestEvery"/>
/// records a signed digest is added. The append returns only once the store has acknowledged it.
/// </summary>
public sealed partial class AuditTrail(IAuditStore store, AuditSigner signer, AuditSettings settings, TimeProvider timeProvider, ILogger<AuditTrail> logger)
{
    /// <summary>Compare-and-set attempts before giving up; contention needs many edges writing at once.</summary>
    private const int MaxAttempts = 64;

    /// <summary>The store the trail lives in.</summary>
    public IAuditStore Store => store;

    /// <summary>Appends <paramref name="call"/>; returns its sequence number.</summary>
    public async Task<long> AppendAsync(ManagementCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var raw = await store.ReadHeadAsync(cancellationToken);
            var head = AuditStoredHead.TryParse(raw)?.Head ?? await HeadFromRecordsAsync(cancellationToken);
            var sequence = head.Sequence + 1;
            var body = AuditEventWriter.Write(call, settings.AccountId, sequence, head.Hash);
            var hash = AuditHashing.ChainHash(head.Hash, body);
            var newHead = new AuditChainHead(sequence, hash);
            var storedHead = new AuditStoredHead(newHead, signer.Sign(newHead.SignedText)).Format();
            string? digest = null;
            if (sequence % settings.DigestEvery == 0)
            {
                var now = timeProvider.GetUtcNow();
                digest = new AuditDigest(sequence, hash, now, signer.Sign(AuditDigest.SignedTextFor(sequence, hash, now))).ToJson();
            }
            if (await store.TryAppendAsync(raw, AuditRecordLine.Format(hash, body), storedHead, digest, cancellationToken))
            {
                return sequence;
            }
            Log.HeadMoved(logger, sequence);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 + attempt * 5)), cancellationToken);
        }
        throw new AuditAppendException("The audit trail's head kept moving; the record was not appended.");
    }

    /// <summary>A trail reloaded from a file has records but no head yet: continue from its last record.</summary>
    private async Task<AuditChainHead> HeadFromRecordsAsync(CancellationToken cancellationToken)
    {
        var count = await store.CountAsync(cancellationToken);
        if (count == 0)
        {
            return AuditChainHead.Empty;
        }
        var last = (await store.ReadRecordsAsync(count - 1, 1, cancellationToken)).Select(AuditRecordLine.TryParse).FirstOrDefault();
        return last is null ? throw new AuditAppendException("The audit trail's last record is unreadable; run verify.") : new AuditChainHead(last.Sequence, last.Hash);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Audit head moved while appending sequence {Sequence}; retrying.")]
        public static partial void HeadMoved(ILogger logger, long sequence);
    }
}

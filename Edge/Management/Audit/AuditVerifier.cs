namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Checks the trail: each record's hash against its content, the links between consecutive sequence
/// numbers, the order they are stored in, gaps and duplicates, the signed head (which catches records
/// cut off the end) and every signed digest. Someone who can write the store can recompute the
/// unkeyed chain hashes after a change, but not the head's or the digests' signatures.
/// </summary>
public sealed class AuditVerifier(IAuditStore store, AuditSigner signer)
{
    /// <summary>Findings reported at most, so a wholesale rewrite still answers quickly.</summary>
    public const int MaxFindings = 1000;

    private const int PageSize = 1000;

    /// <summary>Reads the whole trail in pages and checks it.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var findings = new List<AuditFinding>();
        void Add(AuditFinding finding)
        {
            if (findings.Count < MaxFindings)
            {
                findings.Add(finding);
            }
        }

        // Only hashes and positions are kept, not bodies, so a long trail fits in memory.
        var bySequence = new Dictionary<long, List<Entry>>();
        long position = 0;
        var highest = 0L;
        var count = await store.CountAsync(cancellationToken);
        while (position < count)
        {
            var page = await store.ReadRecordsAsync(position, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var line in page)
            {
                var record = AuditRecordLine.TryParse(line);
                if (record is null)
                {
                    Add(new("Malformed", null, position, "not a record: modified or inserted"));
                }
                else
                {
                    var intact = AuditHashing.ChainHash(record.PreviousHash, record.Body) == record.Hash;
                    if (!intact)
                    {
                        Add(new("Modified", record.Sequence, position, "the stored hash does not match the record's content"));
                    }
                    if (record.Sequence < highest)
                    {
                        Add(new("Reordered", record.Sequence, position, $"stored after sequence {highest}"));
                    }
                    highest = Math.Max(highest, record.Sequence);
                    if (!bySequence.TryGetValue(record.Sequence, out var entries))
                    {
                        bySequence[record.Sequence] = entries = [];
                    }
                    entries.Add(new Entry(position, record.Hash, record.PreviousHash, intact));
                }
                position++;
            }
        }

        var head = AuditStoredHead.TryParse(await store.ReadHeadAsync(cancellationToken));
        if (head is null)
        {
            if (count > 0)
            {
                Add(new("HeadMissing", null, null, "records are stored but the signed head is missing or unreadable"));
            }
        }
        else if (!signer.Verify(head.Head.SignedText, head.Signature))
        {
            Add(new("HeadSignatureInvalid", head.Head.Sequence, null, "the head's signature does not verify under the digest key"));
        }

        var referenced = bySequence.Values.SelectMany(entries => entries).Select(e => e.PreviousHash).ToHashSet(StringComparer.Ordinal);
        var last = Math.Max(highest, head?.Head.Sequence ?? 0);
        var chosen = new Dictionary<long, Entry>();
        for (var sequence = 1L; sequence <= last; sequence++)
        {
            if (!bySequence.TryGetValue(sequence, out var entries))
            {
                Add(new("Deleted", sequence, null, "no record with this sequence number is stored"));
                continue;
            }
            var previous = chosen.GetValueOrDefault(sequence - 1);
            var expectedPrevious = sequence == 1 ? AuditChainHead.Empty.Hash : previous?.Hash;
            // With duplicates, the genuine record is the intact one that links to its predecessor and
            // that its successor (or the signed head) links to; a forged copy can do the first, not the second.
            var linked = entries.Where(e => e.Intact && (expectedPrevious is null || e.PreviousHash == expectedPrevious)).ToList();
            var genuine = linked.FirstOrDefault(e => referenced.Contains(e.Hash) || e.Hash == head?.Head.Hash) ?? linked.FirstOrDefault() ?? entries[0];
            foreach (var other in entries.Where(e => !ReferenceEquals(e, genuine)))
            {
                Add(new("Inserted", sequence, other.Position, "a second record claims this sequence number"));
            }
            if (genuine.Intact && expectedPrevious is not null && genuine.PreviousHash != expectedPrevious)
            {
                // This record is intact, so its predecessor changed and had its hash recomputed.
                Add(new("Modified", sequence - 1, previous?.Position, $"sequence {sequence} links to a different hash than the one stored"));
            }
            chosen[sequence] = genuine;
        }

        if (head is not null)
        {
            if (chosen.TryGetValue(head.Head.Sequence, out var atHead) && atHead.Hash != head.Head.Hash)
            {
                Add(new("Modified", head.Head.Sequence, atHead.Position, "the signed head names a different hash for this record"));
            }
            foreach (var (sequence, entries) in bySequence.Where(pair => pair.Key > head.Head.Sequence).OrderBy(pair => pair.Key))
            {
                Add(new("Inserted", sequence, entries[0].Position, $"beyond the signed head (sequence {head.Head.Sequence})"));
            }
        }

        var digests = await store.ReadDigestsAsync(cancellationToken);
        foreach (var text in digests)
        {
            var digest = AuditDigest.TryParse(text);
            if (digest is null || !signer.Verify(digest.SignedText, digest.Signature))
            {
                Add(new("DigestSignatureInvalid", digest?.Sequence, null, "a digest's signature does not verify under the digest key"));
            }
            else if (chosen.TryGetValue(digest.Sequence, out var covered) && covered.Hash != digest.Hash)
            {
                Add(new("DigestMismatch", digest.Sequence, covered.Position, $"the digest of {digest.Time:O} names a different hash for this record"));
            }
        }

        return new AuditVerification(findings.Count == 0, count, digests.Count, head?.Head.Sequence ?? 0, findings);
    }

    private sealed record Entry(long Position, string Hash, string PreviousHash, bool Intact);
}

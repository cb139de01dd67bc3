using Microsoft.Extensions.Logging.Abstractions;
using OrleansGateway.Edge.Management.Audit;

namespace OrleansGateway.Tests.Audit;

/// <summary>What a restarted edge does with the spool its predecessor left, against a real Redis.</summary>
public sealed class AuditSpoolRecoveryTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("audit-spool-recovery-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_spool_left_by_a_crash_is_drained_once_even_when_its_first_record_had_already_reached_redis()
    {
        var prefix = "audit-recovery:" + Guid.NewGuid().ToString("N");
        var store = new RedisAuditStore(redis.Configuration, prefix);
        var trail = AuditTrailBuilder.Trail(store, digestEvery: 2);
        var path = Path.Combine(_directory, "spool.jsonl");
        var calls = Enumerable.Range(1, 3).Select(AuditTrailBuilder.Call).ToList();
        // The crashed edge had spooled three calls and appended the first to Redis, but died before it
        // wrote down that the first was drained.
        using (var crashed = new AuditSpool(path, capacity: 10))
        {
            foreach (var call in calls)
            {
                crashed.TryAppend(SpooledCall.ToLine(call), reserved: false);
            }
        }
        await trail.AppendAsync(calls[0], CancellationToken.None);

        using var recorder = new AuditRecorder(trail, new AuditSpool(path, capacity: 10), NullLogger<AuditRecorder>.Instance);
        using var stop = new CancellationTokenSource();
        var drain = recorder.DrainAsync(stop.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (recorder.Spool!.Pending > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the spool was not drained");
            await Task.Delay(50);
        }
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);

        var stored = (await store.ReadRecordsAsync(0, 100, CancellationToken.None)).Select(l => AuditRecordLine.TryParse(l)!).ToList();
        Assert.Equal(calls.Select(c => c.EventId.ToString()), stored.Select(r => r.EventId));
        var verification = await new AuditVerifier(store, new AuditSigner(AuditTrailBuilder.DigestKey)).VerifyAsync(CancellationToken.None);
        Assert.True(verification.Valid);
        await store.DisposeAsync();
    }
}

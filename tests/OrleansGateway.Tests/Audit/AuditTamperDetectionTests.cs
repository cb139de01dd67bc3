using OrleansGateway.Edge.Management.Audit;
using StackExchange.Redis;

namespace OrleansGateway.Tests.Audit;

/// <summary>
/// A 25-record trail (digests at 10 and 20) in a real Redis is tampered with directly, as someone with
/// write access to Redis but without the digest key could, and verification must name each change.
/// </summary>
public sealed class AuditTamperDetectionTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const int Records = 25;
    private readonly string _prefix = "audit-test:" + Guid.NewGuid().ToString("N");

    private RedisKey RecordsKey => _prefix + ":records";

    private async Task<AuditVerification> SeedThenVerifyAfterAsync(Func<IDatabase, Task> tamper, string digestKey = AuditTrailBuilder.DigestKey)
    {
        await using var store = await AuditTrailBuilder.SeedAsync(redis.Configuration, _prefix, Records, digestEvery: 10);
        await tamper(redis.Database);
        return await new AuditVerifier(store, new AuditSigner(digestKey)).VerifyAsync(CancellationToken.None);
    }

    private async Task<AuditRecordLine> RecordAtAsync(long position) =>
        AuditRecordLine.TryParse((await redis.Database.ListGetByIndexAsync(RecordsKey, position)).ToString())!;

    [Fact]
    public async Task An_untouched_trail_verifies_with_its_head_and_digests()
    {
        var result = await SeedThenVerifyAfterAsync(_ => Task.CompletedTask);

        Assert.True(result.Valid, string.Join("; ", result.Findings));
        Assert.Equal(Records, result.Records);
        Assert.Equal(2, result.Digests);
        Assert.Equal(Records, result.HeadSequence);
    }

    [Fact]
    public async Task An_edited_record_is_named_as_modified()
    {
        var result = await SeedThenVerifyAfterAsync(async db =>
        {
            var line = (await db.ListGetByIndexAsync(RecordsKey, 6)).ToString();
            await db.ListSetByIndexAsync(RecordsKey, 6, line.Replace("api-7", "api-X", StringComparison.Ordinal));
        });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("Modified", 7L, 6L), (finding.Problem, finding.Sequence, finding.Position));
    }

    [Fact]
    public async Task An_edited_record_whose_hash_was_recomputed_is_named_through_its_successors_link()
    {
        var result = await SeedThenVerifyAfterAsync(async db =>
        {
            var record = await RecordAtAsync(11);
            var body = record.Body.Replace("api-12", "api-X", StringComparison.Ordinal);
            await db.ListSetByIndexAsync(RecordsKey, 11, AuditRecordLine.Format(AuditHashing.ChainHash(record.PreviousHash, body), body));
        });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("Modified", 12L, 11L), (finding.Problem, finding.Sequence, finding.Position));
    }

    [Fact]
    public async Task A_deleted_record_is_named_by_its_sequence()
    {
        var result = await SeedThenVerifyAfterAsync(async db =>
        {
            var line = await db.ListGetByIndexAsync(RecordsKey, 14);
            await db.ListRemoveAsync(RecordsKey, line);
        });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("Deleted", 15L), (finding.Problem, finding.Sequence));
    }

    [Fact]
    public async Task A_record_cut_off_the_end_is_caught_by_the_signed_head()
    {
        var result = await SeedThenVerifyAfterAsync(db => db.ListRightPopAsync(RecordsKey));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("Deleted", 25L), (finding.Problem, finding.Sequence));
    }

    [Fact]
    public async Task A_forged_record_inserted_with_a_taken_sequence_is_named_as_inserted()
    {
        var result = await SeedThenVerifyAfterAsync(async db =>
        {
            var genuine = await RecordAtAsync(5);
            var body = genuine.Body.Replace("api-6", "api-forged", StringComparison.Ordinal);
            var forged = AuditRecordLine.Format(AuditHashing.ChainHash(genuine.PreviousHash, body), body);
            await db.ListInsertBeforeAsync(RecordsKey, AuditRecordLine.Format(genuine.Hash, genuine.Body), forged);
        });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("Inserted", 6L, 5L), (finding.Problem, finding.Sequence, finding.Position));
    }

    [Fact]
    public async Task A_forged_record_appended_past_the_head_is_named_as_inserted()
    {
        var result = await SeedThenVerifyAfterAsync(async db =>
        {
            var last = await RecordAtAsync(Records - 1);
            var body = last.Body.Replace("\"sequence\":25", "\"sequence\":26", StringComparison.Ordinal)
                .Replace(last.PreviousHash, last.Hash, StringComparison.Ordinal);
            await db.ListRightPushAsync(RecordsKey, AuditRecordLine.Format(AuditHashing.ChainHash(last.Hash, body), body));
        });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("Inserted", 26L, 25L), (finding.Problem, finding.Sequence, finding.Position));
    }

    [Fact]
    public async Task Swapped_records_are_named_as_reordered()
    {
        var result = await SeedThenVerifyAfterAsync(async db =>
        {
            var eighth = await db.ListGetByIndexAsync(RecordsKey, 7);
            var ninth = await db.ListGetByIndexAsync(RecordsKey, 8);
            await db.ListSetByIndexAsync(RecordsKey, 7, ninth);
            await db.ListSetByIndexAsync(RecordsKey, 8, eighth);
        });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("Reordered", 8L, 8L), (finding.Problem, finding.Sequence, finding.Position));
    }

    [Fact]
    public async Task A_head_rewritten_without_the_key_is_caught()
    {
        var result = await SeedThenVerifyAfterAsync(async db =>
        {
            // Cut the last record and point the head at the one before, signed with a guessed key.
            var previous = await RecordAtAsync(Records - 2);
            await db.ListRightPopAsync(RecordsKey);
            var head = new AuditChainHead(previous.Sequence, previous.Hash);
            await db.StringSetAsync(_prefix + ":head", new AuditStoredHead(head, new AuditSigner("guessed-key-guessed-key-guessed-key!").Sign(head.SignedText)).Format());
        });

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("HeadSignatureInvalid", 24L), (finding.Problem, finding.Sequence));
    }

    [Fact]
    public async Task Verifying_with_another_key_rejects_the_head_and_every_digest()
    {
        var result = await SeedThenVerifyAfterAsync(_ => Task.CompletedTask, digestKey: "another-digest-key-0123456789abcdefgh");

        Assert.False(result.Valid);
        Assert.Equal(["DigestSignatureInvalid", "DigestSignatureInvalid", "HeadSignatureInvalid"], result.Findings.Select(f => f.Problem).Order());
    }

    [Fact]
    public async Task Verify_command_exits_zero_for_an_intact_trail_and_one_naming_a_deleted_record()
    {
        await using var store = await AuditTrailBuilder.SeedAsync(redis.Configuration, _prefix, Records, digestEvery: 10);
        string[] args = [$"--Gateway:Audit:Redis={redis.Configuration}", $"--Gateway:Audit:KeyPrefix={_prefix}", $"--Gateway:Audit:DigestKey={AuditTrailBuilder.DigestKey}"];

        var intact = new StringWriter();
        Assert.Equal(0, await AuditVerifyCommand.RunAsync(args, intact));
        Assert.Contains("\"valid\": true", intact.ToString(), StringComparison.Ordinal);

        await redis.Database.ListRemoveAsync(RecordsKey, await redis.Database.ListGetByIndexAsync(RecordsKey, 2));
        var tampered = new StringWriter();
        Assert.Equal(1, await AuditVerifyCommand.RunAsync(args, tampered));
        Assert.Contains("\"problem\": \"Deleted\"", tampered.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"sequence\": 3,", tampered.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_command_without_a_digest_key_exits_two()
    {
        var output = new StringWriter();
        Assert.Equal(2, await AuditVerifyCommand.RunAsync([$"--Gateway:Audit:Redis={redis.Configuration}"], output));
        Assert.Contains("DigestKey", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_edges_appending_at_once_build_one_unbroken_chain()
    {
        await using var first = new RedisAuditStore(redis.Configuration, _prefix);
        await using var second = new RedisAuditStore(redis.Configuration, _prefix);
        var trails = new[] { AuditTrailBuilder.Trail(first, 7), AuditTrailBuilder.Trail(second, 7) };

        var sequences = await Task.WhenAll(Enumerable.Range(1, 60).Select(i => trails[i % 2].AppendAsync(AuditTrailBuilder.Call(i), CancellationToken.None)));

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), sequences.Order());
        var result = await new AuditVerifier(first, new AuditSigner(AuditTrailBuilder.DigestKey)).VerifyAsync(CancellationToken.None);
        Assert.True(result.Valid, string.Join("; ", result.Findings));
        Assert.Equal((60, 8, 60L), (result.Records, result.Digests, result.HeadSequence));
    }
}

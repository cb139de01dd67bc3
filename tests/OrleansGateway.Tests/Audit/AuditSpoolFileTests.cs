using Microsoft.Extensions.Configuration;
using OrleansGateway.Edge.Management.Audit;

namespace OrleansGateway.Tests.Audit;

/// <summary>The spool file on a real disk: what a restarted edge finds in it.</summary>
public sealed class AuditSpoolFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("audit-spool-file-").FullName;

    private string SpoolPath => Path.Combine(_directory, "spool.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_reopened_spool_hands_out_what_was_not_drained_in_order_and_drops_a_half_written_last_line()
    {
        using (var spool = new AuditSpool(SpoolPath, capacity: 10))
        {
            Assert.True(spool.TryAppend("""{"n":1}""", reserved: false));
            Assert.True(spool.TryAppend("""{"n":2}""", reserved: false));
            Assert.True(spool.TryAppend("""{"n":3}""", reserved: false));
            spool.CompleteOldest();
        }
        File.AppendAllText(SpoolPath, """{"n":4, half written""");

        using var reopened = new AuditSpool(SpoolPath, capacity: 10);

        Assert.Equal(2, reopened.RecoveredAtStart);
        Assert.Equal("""{"n":2}""", reopened.Peek());
        reopened.CompleteOldest();
        Assert.Equal("""{"n":3}""", reopened.Peek());
        reopened.CompleteOldest();
        Assert.Null(reopened.Peek());
        Assert.Equal(0, new FileInfo(SpoolPath).Length);
    }

    [Fact]
    public void A_full_spool_refuses_reservations_until_a_record_is_drained()
    {
        using var spool = new AuditSpool(SpoolPath, capacity: 2);
        Assert.True(spool.TryReserve());
        Assert.True(spool.TryAppend("a", reserved: true));
        Assert.True(spool.TryReserve());

        Assert.False(spool.TryReserve());
        spool.Release();
        Assert.True(spool.TryReserve());
        Assert.True(spool.TryAppend("b", reserved: true));
        Assert.False(spool.TryReserve());
        spool.CompleteOldest();
        Assert.True(spool.TryReserve());
    }

    [Fact]
    public void Unreserved_records_of_refused_calls_may_fill_only_half_the_spool()
    {
        using var spool = new AuditSpool(SpoolPath, capacity: 4);

        Assert.True(spool.TryAppend("refused-1", reserved: false));
        Assert.True(spool.TryAppend("refused-2", reserved: false));
        Assert.False(spool.TryAppend("refused-3", reserved: false));
        // The other half stays for audited calls.
        Assert.True(spool.TryReserve());
        Assert.True(spool.TryReserve());
        Assert.False(spool.TryReserve());
    }

    [Fact]
    public void A_second_edge_cannot_open_a_spool_in_use()
    {
        using var spool = new AuditSpool(SpoolPath, capacity: 2);

        Assert.ThrowsAny<IOException>(() => new AuditSpool(SpoolPath, capacity: 2));
    }

    [Fact]
    public void An_edge_with_an_unusable_spool_path_refuses_to_start_and_names_the_setting()
    {
        var blocker = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(blocker, "");
        var options = new AuditOptions { Redis = "127.0.0.1:1", SpoolPath = Path.Combine(blocker, "spool.jsonl") };

        var failure = Assert.Throws<InvalidOperationException>(() => AuditTrailComposition.Spool(new ConfigurationBuilder().Build(), options));

        Assert.Contains("Gateway:Audit:SpoolPath", failure.Message, StringComparison.Ordinal);
    }
}

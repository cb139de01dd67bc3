using OrleansGateway.Grains.Interfaces.Waf.RateBased;
using OrleansGateway.Grains.Waf.RateBased;
using OrleansGateway.Tests.Limits;

namespace OrleansGateway.Tests.Waf.RateBased;

/// <summary>One shard's bookkeeping: the authoritative window, the allowances, the verdicts.</summary>
public sealed class WafRateLedgerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-11-24T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static WafRateReport Report(string edge, params WafRateKeyCount[] keys) => new(edge, 100, Window, keys);

    private static WafRateKeyCount Count(string key, long counted, long spent = 0, long want = 0, bool release = false) =>
        new(key, counted, spent, want, release);

    [Fact]
    public void Counts_leave_the_window_no_sooner_than_a_window_after_they_were_made()
    {
        var window = new SlidingWindowCount();
        window.Add(40, 10);
        Assert.Equal(10, window.Sum(40 + SlidingWindowCount.Slots));
        Assert.Equal(0, window.Sum(41 + SlidingWindowCount.Slots));
    }

    [Fact]
    public void A_key_over_the_limit_is_blocked_until_enough_of_its_requests_have_aged_out()
    {
        var ledger = new WafRateLedger(_clock);
        ledger.Apply(Report("a", Count("ip", 80)));
        _clock.Advance(TimeSpan.FromSeconds(30));
        var verdict = Assert.Single(ledger.Apply(Report("a", Count("ip", 30))).Verdicts);

        Assert.Equal(110, verdict.Count);
        // The first 80 must age out (60 s + up to one 3 s sub-window after they came); 30 s have passed.
        Assert.InRange(verdict.BlockedFor, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(33));
        _clock.Advance(verdict.BlockedFor);
        var after = Assert.Single(ledger.Apply(Report("a", Count("ip", 0, want: 1))).Verdicts);
        Assert.Equal(TimeSpan.Zero, after.BlockedFor);
        Assert.Equal(30, after.Count);
    }

    [Fact]
    public void Allowances_granted_to_several_edges_never_exceed_the_headroom()
    {
        var ledger = new WafRateLedger(_clock);
        ledger.Apply(Report("a", Count("ip", 40)));
        long granted = 0;
        for (var round = 0; round < 20; round++)
        {
            foreach (var edge in new[] { "a", "b", "c" })
            {
                granted += ledger.Apply(Report(edge, Count("ip", 0, want: 1_000))).Verdicts.Sum(v => v.Grant);
            }
        }
        Assert.Equal(60, granted);
    }

    [Fact]
    public void Allowance_of_an_edge_that_falls_silent_goes_back_to_the_others()
    {
        var ledger = new WafRateLedger(_clock);
        ledger.Apply(Report("a", Count("ip", 40)));
        ledger.Apply(Report("b", Count("ip", 0)));
        var held = Assert.Single(ledger.Apply(Report("a", Count("ip", 0, want: 1_000))).Verdicts).Grant;
        Assert.True(held > 0);

        _clock.Advance(WafRateShards.EdgeSilence + TimeSpan.FromSeconds(1));
        var regranted = ledger.Apply(Report("b", Count("ip", 0, want: 1_000))).Verdicts.Sum(v => v.Grant);

        // b alone now: half the headroom of 60 (the other half stays for edges that show up).
        Assert.Equal(30, regranted);
    }

    [Fact]
    public void Keys_well_under_the_limit_get_no_verdict_and_are_forgotten_when_their_window_is_empty()
    {
        var ledger = new WafRateLedger(_clock);
        var keys = Enumerable.Range(0, 1_000).Select(i => Count($"10.0.{i >> 8}.{i & 255}", 1)).ToArray();

        Assert.Empty(ledger.Apply(Report("a", keys)).Verdicts);
        Assert.Equal(1_000, ledger.TrackedKeys);

        _clock.Advance(Window + TimeSpan.FromSeconds(4));
        ledger.Apply(Report("a"));
        Assert.Equal(0, ledger.TrackedKeys);
    }
}

using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Grains.Limits;

namespace OrleansGateway.Tests.Limits;

public sealed class QuotaLedgerTests
{
    private static readonly QuotaSettings Daily100 = new(100, 0, "DAY");
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 3, 6, 10, 0, 0, TimeSpan.Zero));
    private readonly QuotaState _state = new();
    private readonly QuotaLedger _ledger;

    public QuotaLedgerTests() => _ledger = new QuotaLedger(_state);

    private QuotaGrant Lease(string edge, long epoch, long used, long want, bool release = false)
    {
        _ledger.Advance(Daily100, _clock.GetUtcNow());
        return _ledger.Lease(new QuotaLeaseRequest(edge, epoch, used, release, want, Daily100), _clock.GetUtcNow());
    }

    [Fact]
    public void An_edge_gets_at_most_half_of_what_is_left_split_over_the_edges_holding_grants()
    {
        Assert.Equal(50, Lease("a", 0, 0, 1000).Units);
        Assert.Equal(50 / (2 * 2), Lease("b", 0, 0, 1000).Units);
    }

    [Fact]
    public void Grants_never_exceed_the_limit_and_the_tail_goes_out_one_unit_at_a_time()
    {
        long granted = 0;
        var epochs = new Dictionary<string, long>();
        for (var round = 0; round < 200; round++)
        {
            var edge = $"e{round % 3}";
            var grant = Lease(edge, epochs.GetValueOrDefault(edge), 0, 40);
            epochs[edge] = grant.Epoch;
            granted += grant.Units;
        }
        Assert.Equal(100, granted);
        Assert.Equal(0, _ledger.Available);
    }

    [Fact]
    public void Reported_use_commits_and_released_rest_returns()
    {
        var grant = Lease("a", 0, 0, 40);
        var next = Lease("a", grant.Epoch, 10, 0, release: true);
        Assert.Equal(90, next.Remaining);
        Assert.Equal(10, _state.Used);
    }

    [Fact]
    public void An_expired_grant_is_counted_as_used_and_its_late_report_ignored()
    {
        var grant = Lease("a", 0, 0, 40);
        _clock.Advance(QuotaLedger.GrantLifetime + QuotaLedger.ForfeitMargin + TimeSpan.FromSeconds(1));
        Assert.Equal(100 - 40, Lease("b", 0, 0, 0).Remaining);
        var late = Lease("a", grant.Epoch, 40, 0);
        Assert.Equal(40, _state.Used);
        Assert.Equal(60, late.Remaining);
    }

    [Fact]
    public void A_report_under_a_stale_epoch_forfeits_the_grant_instead_of_counting_twice()
    {
        var first = Lease("a", 0, 0, 20);
        Lease("a", first.Epoch, 5, 10);   // reply lost: the edge still quotes first.Epoch
        Lease("a", first.Epoch, 5, 0);    // the retry
        // 5 committed by the first call, then the rest of the grant (15 + 10 new) forfeited: 30, never 35.
        Assert.Equal(30, _state.Used);
    }

    [Fact]
    public void Nothing_left_with_other_edges_holding_means_retry_soon_otherwise_at_period_end()
    {
        Lease("a", 0, 0, 50);
        Lease("b", 0, 0, 25);
        Lease("c", 0, 0, 100);
        var state = Lease("d", 0, 0, 0);
        Assert.True(state.Remaining > 0);
        while (_ledger.Available > 0)
        {
            Lease("e", _state.Grants.GetValueOrDefault("e")?.Epoch ?? 0, 0, 100);
        }
        Assert.Equal(QuotaLedger.RetryWhileOthersHold, Lease("f", 0, 0, 1).RetryAfter);

        var exhausted = new QuotaLedger(new QuotaState());
        exhausted.Advance(Daily100, _clock.GetUtcNow());
        exhausted.SetRemaining(0);
        var refused = exhausted.Lease(new QuotaLeaseRequest("a", 0, 0, false, 1, Daily100), _clock.GetUtcNow());
        Assert.Equal(0, refused.Units);
        Assert.Equal(TimeSpan.FromHours(14), refused.RetryAfter);
    }

    [Fact]
    public void A_new_period_starts_from_zero()
    {
        var grant = Lease("a", 0, 0, 40);
        Lease("a", grant.Epoch, 40, 0);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(50, Lease("a", 0, 0, 1000).Units);
        Assert.Equal(0, _state.Used);
    }

    [Fact]
    public void Set_remaining_changes_what_can_be_granted()
    {
        Lease("a", 0, 0, 10);
        _ledger.SetRemaining(5);
        Assert.Equal(5, _ledger.Status().Remaining);
        _ledger.SetRemaining(500);
        Assert.Equal(500, _ledger.Status().Remaining);
    }
}

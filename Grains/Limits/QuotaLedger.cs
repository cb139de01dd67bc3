using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.Limits;

/// <summary>
/// The arithmetic of a strict quota over <see cref="QuotaState"/>: available = limit − used − Σ
/// outstanding grants, and nothing is ever granted past it. Pure (the caller passes the time), so it
/// is tested with a fake clock; the grain adds persistence.
/// </summary>
public sealed class QuotaLedger(QuotaState state)
{
    /// <summary>How long an edge may spend a grant, counted on the edge from when it sent the request.</summary>
    public static readonly TimeSpan GrantLifetime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Added to a grant's lifetime before the grain forfeits it, so that clock-rate differences between
    /// an edge and a silo cannot make the grain reclaim units the edge still spends. The edge counts
    /// from when it sent the request (before the grain's "now"), which is already on the safe side.
    /// </summary>
    public static readonly TimeSpan ForfeitMargin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The lifetime of a standing grant: a small grant (at most 0.1 % of the limit) made while at
    /// least half the period's quota is left. A key seen now and then on an edge then keeps a unit in
    /// hand there between requests instead of waiting for a lease call on each one; a dead edge
    /// forfeits at most that small grant, later. Half an hour: with 100,000 keys in use, 5 minutes
    /// cost a quota call per key every few minutes (0.06 per admitted request), and the edge renews at
    /// a random point of the lifetime so those calls do not come as one wave.
    /// </summary>
    public static readonly TimeSpan StandingGrantLifetime = TimeSpan.FromMinutes(30);

    /// <summary>What an edge refused while other edges hold grants is told to wait: those grants come back or expire soon.</summary>
    public static readonly TimeSpan RetryWhileOthersHold = TimeSpan.FromSeconds(1);

    private QuotaPeriod _period;
    private long _limit;

    /// <summary>The current period (valid after <see cref="Advance"/>).</summary>
    public QuotaPeriod Period => _period;

    /// <summary>The limit in force this period (valid after <see cref="Advance"/>).</summary>
    public long Limit => _limit;

    /// <summary>Units granted to edges and not yet reported.</summary>
    public long Outstanding => state.Grants.Values.Sum(g => g.Units);

    /// <summary>What can still be granted this period.</summary>
    public long Available => Math.Max(0, _limit - state.Used - Outstanding);

    /// <summary>
    /// Brings the ledger to <paramref name="now"/>: a new period starts from zero (grants of the old
    /// period can no longer be spent: edges never spend past <c>PeriodEnd</c>), and grants whose edge
    /// stopped renewing are counted as used in full. Returns whether the state changed.
    /// </summary>
    public bool Advance(QuotaSettings quota, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var changed = false;
        _period = QuotaPeriod.Containing(quota.Period, now);
        if (state.FirstPeriodStart is null)
        {
            state.FirstPeriodStart = _period.Start;
            state.PeriodStart = _period.Start;
            changed = true;
        }
        if (state.PeriodStart != _period.Start)
        {
            state.PeriodStart = _period.Start;
            state.Used = 0;
            state.Grants.Clear();
            changed = true;
        }
        foreach (var (edgeId, grant) in state.Grants.ToList())
        {
            if (now > grant.ExpiresAt + ForfeitMargin)
            {
                state.Used += grant.Units;
                state.Grants.Remove(edgeId);
                changed = true;
            }
        }
        _limit = _period.LimitIn(quota, state.FirstPeriodStart.Value);
        return changed;
    }

    /// <summary>
    /// Commits the edge's report and grants more (call <see cref="Advance"/> first). A report quoting
    /// an epoch other than the edge's current grant is about a grant the edge lost track of (a reply it
    /// never got): that grant is counted as used in full and the report ignored, so nothing counts twice.
    /// </summary>
    public QuotaGrant Lease(QuotaLeaseRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        state.Grants.TryGetValue(request.EdgeId, out var grant);
        if (grant is not null)
        {
            if (grant.Epoch == request.Epoch)
            {
                var used = Math.Clamp(request.Used, 0, grant.Units);
                state.Used += used;
                grant.Units = request.ReleaseRest ? 0 : grant.Units - used;
            }
            else
            {
                state.Used += grant.Units;
                grant.Units = 0;
            }
        }

        var available = Available;
        var want = Math.Max(0, request.Want);
        var standingSize = Math.Max(1, _limit / 1000);
        var standing = want > 0 && want <= standingSize && available >= _limit / 2;
        if (standing)
        {
            want = standingSize;
        }
        var granted = available <= 0 || want == 0 ? 0 : Math.Min(want, Math.Min(available, ShareCap(request.EdgeId, available)));
        var lifetime = standing ? StandingGrantLifetime : GrantLifetime;

        long epoch = 0;
        if (granted > 0 || grant is { Units: > 0 })
        {
            grant ??= state.Grants[request.EdgeId] = new QuotaGrantRecord();
            grant.Units += granted;
            grant.Epoch = epoch = ++state.LastEpoch;
            grant.ExpiresAt = now + lifetime;
        }
        else if (grant is not null)
        {
            state.Grants.Remove(request.EdgeId);
        }

        var retryAfter = TimeSpan.Zero;
        if (granted == 0 && want > 0)
        {
            var othersHold = state.Grants.Any(g => g.Key != request.EdgeId && g.Value.Units > 0);
            retryAfter = othersHold ? RetryWhileOthersHold : _period.End - now;
        }
        return new QuotaGrant(granted, epoch, lifetime, _period.End, retryAfter, Available);
    }

    /// <summary>Sets the current period's remainder (call <see cref="Advance"/> first); units edges hold stay theirs.</summary>
    public void SetRemaining(long remaining) => state.Used = _limit - Outstanding - Math.Max(0, remaining);

    /// <summary>The current period as management reports it (call <see cref="Advance"/> first).</summary>
    public QuotaStatus Status() => new(_limit, state.Used, Available, _period.Start, _period.End);

    /// <summary>
    /// The most one edge gets in one lease: half the remainder split over the edges holding grants,
    /// so the tail of a period is handed out in ever smaller pieces and no edge sits on units others
    /// need; never less than one unit while any remain.
    /// </summary>
    private long ShareCap(string edgeId, long available)
    {
        var activeEdges = 1 + state.Grants.Count(g => g.Key != edgeId && g.Value.Units > 0);
        return Math.Max(1, available / (2 * activeEdges));
    }
}

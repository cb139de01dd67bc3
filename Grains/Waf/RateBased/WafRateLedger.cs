using OrleansGateway.Grains.Interfaces.Waf.RateBased;

namespace OrleansGateway.Grains.Waf.RateBased;

/// <summary>
/// The bookkeeping of one <see cref="WafRateShardGrain"/>: per key, a sliding-window count on the
/// grain's clock (the authoritative window) and the allowances outstanding per edge. Headroom
/// <c>A = limit − count − Σ allowances</c>; an edge asking for allowance gets
/// <c>min(want, A, max(1, A / (2 × active edges)))</c>, so the last of a key's headroom goes out in
/// ever smaller pieces and the cluster never admits past the limit on granted units alone
/// (docs/protection/waf-rate-based.md derives the bound).
/// </summary>
internal sealed class WafRateLedger(TimeProvider clock)
{
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _edgeLastSeen = new(StringComparer.Ordinal);
    private long _limit;
    private TimeSpan _window;
    private long _slotTicks;
    private long _lastSweepSlot = -1;

    /// <summary>Keys with a count in the window or an allowance outstanding.</summary>
    public int TrackedKeys => _keys.Count;

    /// <summary>Applies one edge's batch and answers it.</summary>
    public WafRateReply Apply(WafRateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegative(report.Limit);
        ArgumentOutOfRangeException.ThrowIfLessThan(report.EvaluationWindow, TimeSpan.FromSeconds(1));
        var now = clock.GetTimestamp();
        Configure(report.Limit, report.EvaluationWindow);
        var slot = now / _slotTicks;
        var activeEdges = TrackEdges(report.EdgeId, now);
        var verdicts = new List<WafRateVerdict>();
        for (var index = 0; index < report.Keys.Count; index++)
        {
            var item = report.Keys[index];
            if (!_keys.TryGetValue(item.Key, out var state))
            {
                if (item.Counted <= 0 && item.Want <= 0)
                {
                    continue;
                }
                _keys[item.Key] = state = new KeyState();
            }
            state.Window.Add(slot, Math.Max(0, item.Counted));
            state.Settle(report.EdgeId, item.Spent, item.Release, _edgeLastSeen);
            var count = state.Window.Sum(slot);
            if (count > _limit)
            {
                // Over the limit: the edge's allowance goes (it stops spending on this verdict).
                state.Settle(report.EdgeId, 0, release: true, _edgeLastSeen);
                var unblockAt = state.Window.FirstSlotAtOrUnder(slot, _limit) * _slotTicks;
                verdicts.Add(new WafRateVerdict(index, count, 0, clock.GetElapsedTime(now, Math.Max(now, unblockAt))));
                continue;
            }
            long grant = 0;
            if (item.Want > 0 && !item.Release)
            {
                var headroom = _limit - count - state.Outstanding();
                if (headroom > 0)
                {
                    grant = Math.Min(item.Want, Math.Min(headroom, Math.Max(1, headroom / (2 * activeEdges))));
                    state.Grant(report.EdgeId, grant);
                }
            }
            if (grant > 0 || count * 4 >= _limit)
            {
                verdicts.Add(new WafRateVerdict(index, count, grant, TimeSpan.Zero));
            }
        }
        SweepIfDue(slot);
        return new WafRateReply(verdicts);
    }

    private void Configure(long limit, TimeSpan window)
    {
        _limit = limit;
        if (window == _window)
        {
            return;
        }
        // A new window length changes what a sub-window is: counts start over (the rule changed).
        _window = window;
        _slotTicks = Math.Max(1, (long)(window.TotalSeconds * clock.TimestampFrequency / SlidingWindowCount.Slots));
        _keys.Clear();
        _lastSweepSlot = -1;
    }

    /// <summary>Marks the edge alive, forgets edges silent for <see cref="WafRateShards.EdgeSilence"/>, and returns how many are active.</summary>
    private int TrackEdges(string edgeId, long now)
    {
        _edgeLastSeen[edgeId] = now;
        var silentBefore = now - (long)(WafRateShards.EdgeSilence.TotalSeconds * clock.TimestampFrequency);
        if (_edgeLastSeen.Count > 1)
        {
            foreach (var (edge, seen) in _edgeLastSeen)
            {
                if (seen < silentBefore)
                {
                    // Its allowances stop counting as outstanding (KeyState.Outstanding skips unknown edges).
                    _edgeLastSeen.Remove(edge);
                }
            }
        }
        return _edgeLastSeen.Count;
    }

    /// <summary>Once per sub-window, drops keys with nothing left in the window and no live allowance.</summary>
    private void SweepIfDue(long slot)
    {
        if (slot == _lastSweepSlot)
        {
            return;
        }
        _lastSweepSlot = slot;
        foreach (var (key, state) in _keys)
        {
            if (state.Window.Sum(slot) == 0 && state.Outstanding() == 0)
            {
                _keys.Remove(key);
            }
        }
    }

    private sealed class KeyState
    {
        private List<EdgeAllowance>? _allowances;
        private Dictionary<string, long>? _liveEdges;

        public SlidingWindowCount Window { get; } = new();

        /// <summary>Takes what the edge spent off its allowance (all of it on release) and drops allowances of edges no longer alive.</summary>
        public void Settle(string edgeId, long spent, bool release, Dictionary<string, long> liveEdges)
        {
            _liveEdges = liveEdges;
            if (_allowances is null)
            {
                return;
            }
            for (var i = _allowances.Count - 1; i >= 0; i--)
            {
                var allowance = _allowances[i];
                if (!liveEdges.ContainsKey(allowance.EdgeId))
                {
                    _allowances.RemoveAt(i);
                }
                else if (allowance.EdgeId == edgeId)
                {
                    var left = release ? 0 : Math.Max(0, allowance.Units - Math.Max(0, spent));
                    if (left == 0)
                    {
                        _allowances.RemoveAt(i);
                    }
                    else
                    {
                        _allowances[i] = allowance with { Units = left };
                    }
                }
            }
        }

        public void Grant(string edgeId, long units)
        {
            _allowances ??= [];
            var index = _allowances.FindIndex(a => a.EdgeId == edgeId);
            if (index < 0)
            {
                _allowances.Add(new EdgeAllowance(edgeId, units));
            }
            else
            {
                _allowances[index] = _allowances[index] with { Units = _allowances[index].Units + units };
            }
        }

        /// <summary>Allowance held by edges still alive.</summary>
        public long Outstanding()
        {
            if (_allowances is null)
            {
                return 0;
            }
            long sum = 0;
            foreach (var allowance in _allowances)
            {
                if (_liveEdges is null || _liveEdges.ContainsKey(allowance.EdgeId))
                {
                    sum += allowance.Units;
                }
            }
            return sum;
        }
    }

    private readonly record struct EdgeAllowance(string EdgeId, long Units);
}

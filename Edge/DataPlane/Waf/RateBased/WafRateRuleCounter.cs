using System.Collections.Concurrent;
using OrleansGateway.Grains.Interfaces.Waf.RateBased;

namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>
/// This edge's keys of one rate-based rule, and their flush: one batch per shard with anything to
/// say (counts, an allowance wanted or given back, or a heartbeat that keeps held allowances alive),
/// however many keys the shard has.
/// </summary>
internal sealed class WafRateRuleCounter
{
    private readonly ConcurrentDictionary<string, WafRateKeyEntry> _entries = new(StringComparer.Ordinal);
    private readonly long[] _onOwnUntil = new long[WafRateShards.Count];
    private readonly long[] _lastSent = new long[WafRateShards.Count];
    private readonly WafRateLimits _limits;
    private readonly WafRateKeyBudget _budget;
    private readonly TimeProvider _clock;
    private readonly long _flushTicks;
    private readonly long _fallbackTicks;
    private readonly long _heartbeatTicks;
    private long _lastUsed;
    private int _retired;

    public WafRateRuleCounter(WafRateRule rule, WafRateOptions options, WafRateKeyBudget budget, TimeProvider clock)
    {
        Rule = rule;
        _budget = budget;
        _clock = clock;
        var frequency = clock.TimestampFrequency;
        _flushTicks = Ticks(options.FlushInterval, frequency);
        _fallbackTicks = Ticks(options.FallbackDuration, frequency);
        _heartbeatTicks = Ticks(WafRateShards.EdgeSilence / 5, frequency);
        var limit = Math.Max(0, rule.Limit);
        _limits = new WafRateLimits(
            limit,
            FreeUpTo: Math.Max(1, (limit + 1) / 2),
            AskFrom: Math.Max(1, (limit + 3) / 4),
            FreePerFlush: Math.Max(1, (long)Math.Ceiling(limit * options.FreeShare)),
            WindowTicks: Ticks(rule.EvaluationWindow, frequency),
            // A count told is trusted for a window: by then every request in it has aged out, and
            // trusting it less would let each edge admit free requests for a key sitting at its limit.
            KnownLifetimeTicks: Ticks(rule.EvaluationWindow, frequency));
        _lastUsed = clock.GetTimestamp();
    }

    /// <summary>The rule counted.</summary>
    public WafRateRule Rule { get; }

    /// <summary>Keys tracked for this rule.</summary>
    public bool IsEmpty => _entries.IsEmpty;

    /// <summary>Whether the counter was dropped (its rule unused for a window); callers look the rule up again.</summary>
    public bool IsRetired => Volatile.Read(ref _retired) != 0;

    /// <summary>Takes the counter out of service.</summary>
    public void Retire() => Volatile.Write(ref _retired, 1);

    /// <summary>When the rule last counted a request.</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    /// <summary>Counts one request from <paramref name="aggregateKey"/> and says whether it gets the rule's action.</summary>
    public bool CountAndCheck(string aggregateKey)
    {
        var now = _clock.GetTimestamp();
        Volatile.Write(ref _lastUsed, now);
        if (!_entries.TryGetValue(aggregateKey, out var entry))
        {
            entry = Add(aggregateKey, now);
        }
        return entry.CountAndCheck(now, _limits, now < Volatile.Read(ref _onOwnUntil[entry.Shard]));
    }

    /// <summary>
    /// Sends what was counted since the last flush and takes in the answers. Keys idle for a whole
    /// window (or, over the key budget, for two flush intervals) are forgotten; with
    /// <paramref name="releaseAll"/> every key is, and its allowance given back (the edge is stopping).
    /// Not reentrant: one caller.
    /// </summary>
    public async Task FlushAsync(IWafRateShardClient client, string edgeId, bool releaseAll)
    {
        var now = _clock.GetTimestamp();
        // Kept for a window after its last request, a key comes back "cold" at most once per window.
        var idleBefore = _budget.IsOver ? now - 2 * _flushTicks : now - _limits.WindowTicks;
        var batches = new Batch?[WafRateShards.Count];
        var holdsAllowance = new bool[WafRateShards.Count];
        foreach (var (key, entry) in _entries)
        {
            var forget = releaseAll || entry.IsIdle(idleBefore, now);
            if (forget && _entries.TryRemove(new KeyValuePair<string, WafRateKeyEntry>(key, entry)))
            {
                _budget.Remove();
            }
            else
            {
                forget = false;
                holdsAllowance[entry.Shard] |= entry.HoldsAllowance;
            }
            if (entry.TakeReport(now, _limits, forget) is { } item)
            {
                (batches[entry.Shard] ??= new Batch()).Add(item, entry);
            }
        }
        var sends = new List<Task>();
        for (var shard = 0; shard < WafRateShards.Count; shard++)
        {
            if (batches[shard] is not null || (holdsAllowance[shard] && now - _lastSent[shard] >= _heartbeatTicks))
            {
                sends.Add(SendAsync(client, edgeId, shard, batches[shard] ?? new Batch(), now));
            }
        }
        await Task.WhenAll(sends);
    }

    private WafRateKeyEntry Add(string aggregateKey, long now)
    {
        ArgumentNullException.ThrowIfNull(aggregateKey);
        var created = new WafRateKeyEntry(aggregateKey, WafRateShards.ShardOf(aggregateKey), now);
        if (_entries.TryAdd(aggregateKey, created))
        {
            _budget.Add();
            return created;
        }
        return _entries[aggregateKey];
    }

    private async Task SendAsync(IWafRateShardClient client, string edgeId, int shard, Batch batch, long sentAt)
    {
        var report = new WafRateReport(edgeId, _limits.Limit, Rule.EvaluationWindow, batch.Items);
        var reply = await client.TryReportAsync(WafRateShards.KeyOf(Rule.WebAclArn, Rule.RuleName, Rule.EvaluationWindow, shard), report);
        var arrivedAt = _clock.GetTimestamp();
        if (reply is null)
        {
            Volatile.Write(ref _onOwnUntil[shard], arrivedAt + _fallbackTicks);
            for (var i = 0; i < batch.Items.Count; i++)
            {
                batch.Entries[i].Restore(batch.Items[i]);
            }
            // The shard forgets allowances of an edge it does not hear from; spending them on would
            // admit what it may already have handed to another edge.
            foreach (var (_, entry) in _entries)
            {
                if (entry.Shard == shard)
                {
                    entry.DropAllowance();
                }
            }
            return;
        }
        _lastSent[shard] = sentAt;
        var verdicts = reply.Verdicts;
        var next = 0;
        for (var i = 0; i < batch.Entries.Count; i++)
        {
            WafRateVerdict? verdict = null;
            if (next < verdicts.Count && verdicts[next].Index == i)
            {
                verdict = verdicts[next++];
            }
            batch.Entries[i].Apply(verdict, sentAt, arrivedAt, _clock.TimestampFrequency);
        }
    }

    private static long Ticks(TimeSpan span, long frequency) => (long)(span.TotalSeconds * frequency);

    private sealed class Batch
    {
        public List<WafRateKeyCount> Items { get; } = [];

        public List<WafRateKeyEntry> Entries { get; } = [];

        public void Add(WafRateKeyCount item, WafRateKeyEntry entry)
        {
            Items.Add(item);
            Entries.Add(entry);
        }
    }
}

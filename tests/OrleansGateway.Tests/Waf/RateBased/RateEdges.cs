using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Tests.Waf.RateBased;

/// <summary>
/// Several edges' counters sharing one set of shards, driven request by request: requests go
/// round-robin and every <c>requestsPerFlush</c> requests the clock moves one flush interval and
/// every live edge flushes, as the background service would.
/// </summary>
internal sealed class RateEdges
{
    public static readonly WafRateOptions Options = new();

    private readonly TimeProvider _clock;
    private readonly Action<TimeSpan>? _advance;
    private int _next;

    public RateEdges(int count, IWafRateShardClient client, TimeProvider clock, Action<TimeSpan>? advance, WafRateOptions? options = null)
    {
        _clock = clock;
        var settings = options ?? Options;
        _advance = advance;
        Counters = Enumerable.Range(0, count)
            .Select(i => new WafRateCounter(client, new EdgeIdentity($"edge-{i}"), Microsoft.Extensions.Options.Options.Create(settings), clock))
            .ToList();
        Live = Enumerable.Repeat(true, count).ToList();
    }

    public List<WafRateCounter> Counters { get; }

    /// <summary>Edges still running (a dead one neither takes requests nor flushes).</summary>
    public List<bool> Live { get; }

    /// <summary>Requests admitted per edge.</summary>
    public Dictionary<int, int> AdmittedBy { get; } = [];

    /// <summary>Sends <paramref name="requests"/> requests from <paramref name="ip"/>, round-robin over live edges; returns how many were admitted.</summary>
    public async Task<int> SendAsync(WafRateRule rule, string ip, int requests, int requestsPerFlush)
    {
        var admitted = 0;
        for (var i = 1; i <= requests; i++)
        {
            var edge = NextLive();
            if (!Counters[edge].CountAndCheck(rule, ip))
            {
                admitted++;
                AdmittedBy[edge] = AdmittedBy.GetValueOrDefault(edge) + 1;
            }
            if (i % requestsPerFlush == 0)
            {
                await FlushAllAsync();
            }
        }
        return admitted;
    }

    /// <summary>Sends one request from each of <paramref name="count"/> distinct IPs from <paramref name="first"/> on, round-robin, then flushes.</summary>
    public async Task<int> SendAsyncDistinct(WafRateRule rule, int first, int count)
    {
        var admitted = 0;
        for (var i = first; i < first + count; i++)
        {
            if (!Counters[NextLive()].CountAndCheck(rule, $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"))
            {
                admitted++;
            }
        }
        await FlushAllAsync();
        return admitted;
    }

    /// <summary>Moves the clock one flush interval (when the test owns it) and flushes every live edge.</summary>
    public async Task FlushAllAsync()
    {
        _advance?.Invoke(Options.FlushInterval);
        for (var edge = 0; edge < Counters.Count; edge++)
        {
            if (Live[edge])
            {
                await Counters[edge].FlushAsync();
            }
        }
    }

    private int NextLive()
    {
        while (true)
        {
            var edge = _next++ % Counters.Count;
            if (Live[edge])
            {
                return edge;
            }
        }
    }

    /// <summary>The over-admission bound of docs/protection/waf-rate-based.md for <paramref name="edges"/> edges: 2 × free share per edge.</summary>
    public static long Bound(long limit, int edges) => edges * 2 * (long)Math.Ceiling(limit * Options.FreeShare);

    public long Now => _clock.GetTimestamp();
}

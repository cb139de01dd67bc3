using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Edge.Management.Events;

/// <summary>
/// The events' background queue: <see cref="Publish"/> never waits (a full queue drops the event and
/// counts it), and a background loop matches each event against the event rules and delivers it to
/// the matching rules' webhooks and to any direct URLs (alarm actions). Neither a slow nor a failing
/// webhook can delay a management call or the data plane.
/// </summary>
internal sealed partial class EventPublisher : BackgroundService
{
    /// <summary>The meter with the dropped-events counter.</summary>
    public const string MeterName = "OrleansGateway.Events";

    private const int MaxConcurrentDeliveries = 16;
    private static readonly TimeSpan RuleCacheLifetime = TimeSpan.FromSeconds(2);

    private readonly Channel<(JsonObject Event, IReadOnlyList<string> DirectUrls)> _queue;
    private readonly IGrainFactory _grains;
    private readonly WebhookSender _sender;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EventPublisher> _logger;
    private readonly Counter<long> _dropped;
    private readonly SemaphoreSlim _deliveries = new(MaxConcurrentDeliveries);
    private (DateTimeOffset Until, List<(EventPattern Pattern, EventRule Rule)> Rules) _rules = (DateTimeOffset.MinValue, []);

    public EventPublisher(IOptions<WebhookOptions> options, IGrainFactory grains, WebhookSender sender, TimeProvider timeProvider, IMeterFactory meters, ILogger<EventPublisher> logger)
    {
        _queue = Channel.CreateBounded<(JsonObject, IReadOnlyList<string>)>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        _grains = grains;
        _sender = sender;
        _timeProvider = timeProvider;
        _logger = logger;
        _dropped = meters.Create(MeterName).CreateCounter<long>("gateway.events.dropped", "{event}", "Events dropped because the delivery queue was full.");
    }

    /// <summary>Queues an event; returns at once.</summary>
    public void Publish(JsonObject evt, IReadOnlyList<string>? directUrls = null)
    {
        if (!_queue.Writer.TryWrite((evt, directUrls ?? [])))
        {
            _dropped.Add(1);
        }
    }

    /// <summary>Makes the next event read the rules afresh (after this edge changed them).</summary>
    public void InvalidateRules() => _rules = (DateTimeOffset.MinValue, _rules.Rules);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (evt, direct) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var urls = new HashSet<string>(direct, StringComparer.Ordinal);
                foreach (var (pattern, rule) in await RulesAsync())
                {
                    if (rule.Enabled && pattern.Matches(evt))
                    {
                        urls.UnionWith(rule.Targets.Values);
                    }
                }
                var body = evt.ToJsonString();
                var id = evt["id"]?.GetValue<string>() ?? "";
                foreach (var url in urls)
                {
                    await _deliveries.WaitAsync(stoppingToken);
                    _ = DeliverAsync(url, id, body, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PublishFailed(_logger, e);
            }
        }
    }

    private async Task DeliverAsync(string url, string id, string body, CancellationToken cancellationToken)
    {
        try
        {
            await _sender.SendAsync(url, id, body, cancellationToken);
        }
        finally
        {
            _deliveries.Release();
        }
    }

    private async Task<List<(EventPattern, EventRule)>> RulesAsync()
    {
        var now = _timeProvider.GetUtcNow();
        if (now < _rules.Until)
        {
            return _rules.Rules;
        }
        var rules = await _grains.GetGrain<IEventRulesGrain>(IEventRulesGrain.Key).List();
        // Patterns were checked when the rule was put; parsing again here cannot fail on a stored rule.
        _rules = (now + RuleCacheLifetime, [.. rules.Select(r => (EventPattern.Parse(r.Pattern), r))]);
        return _rules.Rules;
    }

    public override void Dispose()
    {
        _deliveries.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7402, Level = LogLevel.Warning, Message = "An event could not be matched against the event rules.")]
        public static partial void PublishFailed(ILogger logger, Exception exception);
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// One Polly circuit breaker per backend (scheme, host and port) and breaker settings, shared by
/// every integration that calls that backend with those settings, across APIs and stages.
/// </summary>
internal sealed partial class BackendCircuitBreakers
{
    /// <summary>
    /// Integration URIs may take their host from the request (stage variables, path parameters),
    /// so the number of breakers is bounded; backends beyond it are called without a breaker.
    /// </summary>
    public const int MaxBreakers = 10_000;

    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port, CircuitBreakerSettings Settings), ResiliencePipeline<BackendOutcome>> _breakers = new();
    private readonly bool _enabled;
    private readonly TimeProvider _time;
    private readonly ILogger<BackendCircuitBreakers> _logger;

    public BackendCircuitBreakers(IOptions<BackendResilienceOptions> options, TimeProvider time, ILogger<BackendCircuitBreakers> logger)
    {
        _enabled = options.Value.Resilience.Enabled;
        _time = time;
        _logger = logger;
    }

    /// <summary>The breaker guarding calls to <paramref name="destination"/>; an empty pipeline when breakers are off.</summary>
    public ResiliencePipeline<BackendOutcome> For(Uri destination, CircuitBreakerSettings settings)
    {
        if (!_enabled || !settings.Enabled)
        {
            return ResiliencePipeline<BackendOutcome>.Empty;
        }
        var key = (destination.Scheme, destination.IdnHost, destination.Port, settings);
        if (_breakers.TryGetValue(key, out var breaker))
        {
            return breaker;
        }
        return _breakers.Count >= MaxBreakers
            ? ResiliencePipeline<BackendOutcome>.Empty
            : _breakers.GetOrAdd(key, static (key, self) => self.Build($"{key.Scheme}://{key.Host}:{key.Port}", key.Settings), this);
    }

    // State changes are logged here, once each; the requests refused while open are only counted at debug level.
    private ResiliencePipeline<BackendOutcome> Build(string backend, CircuitBreakerSettings settings) =>
        new ResiliencePipelineBuilder<BackendOutcome> { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<BackendOutcome>
            {
                FailureRatio = settings.FailureRatio,
                SamplingDuration = settings.SamplingDuration,
                MinimumThroughput = settings.MinimumThroughput,
                BreakDuration = settings.BreakDuration,
                // Exceptions here are the caller going away, which says nothing about the backend.
                ShouldHandle = static arguments => ValueTask.FromResult(arguments.Outcome.Exception is null && arguments.Outcome.Result.Failed),
                OnOpened = arguments =>
                {
                    Log.Opened(_logger, backend, arguments.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    Log.HalfOpened(_logger, backend);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    Log.Closed(_logger, backend);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1210, Level = LogLevel.Warning,
            Message = "Circuit breaker of backend {Backend} opened: requests to it are answered 503 for {BreakDuration}")]
        public static partial void Opened(ILogger logger, string backend, TimeSpan breakDuration);

        [LoggerMessage(EventId = 1211, Level = LogLevel.Information,
            Message = "Circuit breaker of backend {Backend} half-open: one probe request goes through")]
        public static partial void HalfOpened(ILogger logger, string backend);

        [LoggerMessage(EventId = 1212, Level = LogLevel.Information,
            Message = "Circuit breaker of backend {Backend} closed")]
        public static partial void Closed(ILogger logger, string backend);
    }
}

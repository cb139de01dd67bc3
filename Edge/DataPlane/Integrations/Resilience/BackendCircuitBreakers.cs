using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// One Polly circuit breaker per backend (scheme, host and port) and breaker settings, shared by
/// every integration that calls that backend with those settings, across APIs and stages.
/// </summary>
internal sealed class BackendCircuitBreakers
{
    /// <summary>
    /// Integration URIs may take their host from the request (stage variables, path parameters),
    /// so the number of breakers is bounded; backends beyond it are called without a breaker.
    /// </summary>
    public const int MaxBreakers = 10_000;

    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port, CircuitBreakerSettings Settings), ResiliencePipeline<BackendOutcome>> _breakers = new();
    private readonly bool _enabled;
    private readonly TimeProvider _time;

    public BackendCircuitBreakers(IOptions<BackendResilienceOptions> options, TimeProvider time)
    {
        _enabled = options.Value.Resilience.Enabled;
        _time = time;
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
            : _breakers.GetOrAdd(key, static (key, time) => Build(key.Settings, time), _time);
    }

    private static ResiliencePipeline<BackendOutcome> Build(CircuitBreakerSettings settings, TimeProvider time) =>
        new ResiliencePipelineBuilder<BackendOutcome> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<BackendOutcome>
            {
                FailureRatio = settings.FailureRatio,
                SamplingDuration = settings.SamplingDuration,
                MinimumThroughput = settings.MinimumThroughput,
                BreakDuration = settings.BreakDuration,
                // Exceptions here are the caller going away, which says nothing about the backend.
                ShouldHandle = static arguments => ValueTask.FromResult(arguments.Outcome.Exception is null && arguments.Outcome.Result.Failed),
            })
            .Build();
}

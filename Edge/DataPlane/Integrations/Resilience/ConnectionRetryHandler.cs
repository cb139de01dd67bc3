using Polly;
using Polly.Retry;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// Retries a backend request whose connection could not be established, with jittered exponential
/// back-off. Only idempotent methods without a request body: YARP streams the caller's body into
/// the backend request and cannot replay it, and a connection failure is the one error after which
/// the backend is known not to have seen the request.
/// </summary>
internal sealed class ConnectionRetryHandler : DelegatingHandler
{
    private readonly ResiliencePipeline _pipeline;

    public ConnectionRetryHandler(RetrySettings settings, TimeProvider time, HttpMessageHandler inner) : base(inner) =>
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(static e => e.HttpRequestError == HttpRequestError.ConnectionError),
            })
            .Build();

    /// <summary>GET, HEAD, OPTIONS, PUT and DELETE: the methods a client may repeat without changing the outcome.</summary>
    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put || method == HttpMethod.Delete;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null || !IsIdempotent(request.Method))
        {
            return base.SendAsync(request, cancellationToken);
        }
        // The cancellation token is the integration timeout's: back-off delays count against it.
        return _pipeline.ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.handler.SendOnceAsync(state.request, token)),
            (handler: this, request),
            cancellationToken).AsTask();
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}

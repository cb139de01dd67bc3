using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// The <see cref="HttpMessageInvoker"/> an integration forwards through: the shared connection pool
/// of <see cref="BackendHttpClient"/>, behind a <see cref="ConnectionRetryHandler"/> when the
/// integration retries. One invoker per distinct <see cref="RetrySettings"/>, built once, so the
/// request path allocates none.
/// </summary>
internal sealed class BackendInvokers
{
    private readonly ConcurrentDictionary<RetrySettings, HttpMessageInvoker> _invokers = new();
    private readonly BackendHttpClient _client;
    private readonly TimeProvider _time;
    private readonly bool _enabled;

    public BackendInvokers(BackendHttpClient client, IOptions<BackendResilienceOptions> options, TimeProvider time)
    {
        _client = client;
        _time = time;
        _enabled = options.Value.Resilience.Enabled;
    }

    /// <summary>The invoker for an integration with <paramref name="retry"/>.</summary>
    public HttpMessageInvoker For(RetrySettings retry)
    {
        if (!_enabled || retry.MaxRetries <= 0)
        {
            return _client.Invoker;
        }
        // Retry settings come from deployed configuration, so this holds a handful of entries.
        // disposeHandler: false — the connection pool belongs to BackendHttpClient.
        return _invokers.GetOrAdd(retry, static (retry, self) =>
            new HttpMessageInvoker(new ConnectionRetryHandler(retry, self._time, self._client.Handler), disposeHandler: false), this);
    }
}

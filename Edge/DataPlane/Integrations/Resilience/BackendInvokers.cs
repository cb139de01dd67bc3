using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// The <see cref="HttpMessageInvoker"/> an integration forwards through: a connection pool of
/// <see cref="BackendHttpClient"/> (the default one, or the one of its named trust store and client
/// certificate), behind a <see cref="ConnectionRetryHandler"/> when the integration retries. One
/// invoker per distinct retry settings, trust store and client certificate, built once, so the
/// request path allocates none.
/// </summary>
internal sealed class BackendInvokers
{
    private readonly ConcurrentDictionary<(RetrySettings Retry, string? TrustStore, string? ClientCertificateId), HttpMessageInvoker> _invokers = new();
    private readonly BackendHttpClient _client;
    private readonly TimeProvider _time;
    private readonly bool _retriesEnabled;

    public BackendInvokers(BackendHttpClient client, IOptions<BackendResilienceOptions> options, TimeProvider time)
    {
        _client = client;
        _time = time;
        _retriesEnabled = options.Value.Resilience.Enabled;
    }

    /// <summary>The invoker for an integration with <paramref name="settings"/>.</summary>
    public HttpMessageInvoker For(ResilienceSettings settings)
    {
        var retry = _retriesEnabled && settings.Retry.MaxRetries > 0 ? settings.Retry : RetrySettings.None;
        if (retry == RetrySettings.None && settings.TrustStore is null && settings.ClientCertificateId is null)
        {
            return _client.Invoker;
        }
        // Keys come from deployed configuration, so this holds a handful of entries.
        // disposeHandler: false — the connection pools belong to BackendHttpClient.
        return _invokers.GetOrAdd((retry, settings.TrustStore, settings.ClientCertificateId), static (key, self) =>
        {
            HttpMessageHandler pool = self._client.HandlerFor(key.TrustStore, key.ClientCertificateId);
            var handler = key.Retry == RetrySettings.None ? pool : new ConnectionRetryHandler(key.Retry, self._time, pool);
            return new HttpMessageInvoker(handler, disposeHandler: false);
        }, this);
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansGateway.Edge.Management.Events;

/// <summary>
/// Posts one event to one webhook, HMAC-signed, retried by Polly on network errors, timeouts, 429
/// and 5xx with exponential backoff. Runs only on the events' background queue, never on a request.
/// </summary>
internal sealed partial class WebhookSender : IDisposable
{
    /// <summary>Unix seconds of the delivery; part of what is signed, so a receiver can refuse replays.</summary>
    public const string TimestampHeader = "X-Gateway-Timestamp";

    /// <summary><c>v1=</c> + lowercase hex HMAC-SHA256 of <c>{timestamp}.{body}</c>.</summary>
    public const string SignatureHeader = "X-Gateway-Signature";

    /// <summary>The event's id.</summary>
    public const string EventIdHeader = "X-Gateway-Event-Id";

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
    private readonly byte[] _key;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WebhookSender> _logger;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider timeProvider, ILogger<WebhookSender> logger)
    {
        var settings = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _key = string.IsNullOrEmpty(settings.SigningKey) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(settings.SigningKey);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                Delay = TimeSpan.FromMilliseconds(settings.RetryDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || (int)r.StatusCode == 429),
            });
        }
        _pipeline = builder.AddTimeout(TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds)).Build();
    }

    /// <summary>Delivers <paramref name="body"/>; false (and logged) when every attempt failed.</summary>
    public async Task<bool> SendAsync(string url, string eventId, string body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
                };
                request.Headers.Add(TimestampHeader, timestamp);
                request.Headers.Add(SignatureHeader, "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(timestamp + "." + body))));
                request.Headers.Add(EventIdHeader, eventId);
                return await _http.SendAsync(request, token);
            }, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }
            Log.Failed(_logger, eventId, new Uri(url).Host, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.Failed(_logger, eventId, new Uri(url).Host, e.GetType().Name);
        }
        return false;
    }

    public void Dispose() => _http.Dispose();

    private static partial class Log
    {
        // The host only: a webhook URL's path or query may carry a token.
        [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Event {EventId} could not be delivered to {Host}: {Reason}")]
        public static partial void Failed(ILogger logger, string eventId, string host, string reason);
    }
}

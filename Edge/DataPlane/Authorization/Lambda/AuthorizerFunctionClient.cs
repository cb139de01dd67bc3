using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>
/// POSTs authorizer events to the functions' HTTP endpoints through a Polly pipeline per function
/// URL: a circuit breaker (an open circuit answers AUTHORIZER_FAILURE without calling) around a
/// timeout. Reads at most <see cref="AuthorizerResponseReader.MaxResponseBytes"/> of the answer.
/// Never throws: every failure becomes an <see cref="AuthorizerCallOutcome"/>.
/// </summary>
internal sealed partial class AuthorizerFunctionClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly LambdaAuthorizerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<AuthorizerFunctionClient> _logger;
    // One pipeline (and so one breaker) per function URL; URLs come from deployed definitions and configuration, so this stays small.
    private readonly ConcurrentDictionary<string, ResiliencePipeline<FunctionReply>> _pipelines = new(StringComparer.Ordinal);

    public AuthorizerFunctionClient(IOptions<LambdaAuthorizerOptions> options, TimeProvider clock, ILogger<AuthorizerFunctionClient> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _options.CallTimeout,
        })
        {
            // The pipeline's timeout governs; this is only the backstop.
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = AuthorizerResponseReader.MaxResponseBytes + 1,
        };
    }

    public async Task<AuthorizerCallOutcome> CallAsync(CompiledLambdaAuthorizer authorizer, byte[] payload, CancellationToken cancellationToken)
    {
        var url = authorizer.FunctionUrl!;
        var pipeline = _pipelines.GetOrAdd(url.AbsoluteUri, static (_, self) => self.BuildPipeline(), this);
        FunctionReply reply;
        try
        {
            reply = await pipeline.ExecuteAsync(
                static async (state, token) => await state.self.PostAsync(state.url, state.payload, token),
                (self: this, url, payload),
                cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            Log.CircuitOpen(_logger, authorizer.Definition.Name);
            return AuthorizerCallOutcome.Failed("circuit open");
        }
        catch (TimeoutRejectedException)
        {
            Log.CallFailed(_logger, authorizer.Definition.Name, "timed out");
            return AuthorizerCallOutcome.Failed("timed out");
        }
        catch (HttpRequestException exception)
        {
            Log.CallFailed(_logger, authorizer.Definition.Name, exception.HttpRequestError.ToString());
            return AuthorizerCallOutcome.Failed("unreachable");
        }
        catch (OperationCanceledException)
        {
            // The caller went away (or the handler gave up): nobody reads this answer, but it must not surface as an exception.
            Log.CallFailed(_logger, authorizer.Definition.Name, "cancelled");
            return AuthorizerCallOutcome.Failed("cancelled");
        }
        if (reply.Oversize)
        {
            Log.BadAnswer(_logger, authorizer.Definition.Name, "the answer is larger than 8 KB");
            return AuthorizerCallOutcome.BadOutput("oversize");
        }
        var outcome = AuthorizerResponseReader.Read(authorizer, reply.Status, reply.Body);
        if (outcome.Result is null && outcome.Why is not null)
        {
            Log.BadAnswer(_logger, authorizer.Definition.Name, outcome.Why);
        }
        return outcome;
    }

    private async Task<FunctionReply> PostAsync(Uri url, byte[] payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = Json;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.Content.Headers.ContentLength > AuthorizerResponseReader.MaxResponseBytes)
        {
            return new FunctionReply((int)response.StatusCode, ReadOnlyMemory<byte>.Empty, Oversize: true);
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[AuthorizerResponseReader.MaxResponseBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return new FunctionReply((int)response.StatusCode, buffer.AsMemory(0, length), Oversize: length > AuthorizerResponseReader.MaxResponseBytes);
    }

    private ResiliencePipeline<FunctionReply> BuildPipeline() =>
        new ResiliencePipelineBuilder<FunctionReply> { TimeProvider = _clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<FunctionReply>
            {
                FailureRatio = _options.BreakerFailureRatio,
                MinimumThroughput = _options.BreakerMinimumThroughput,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakerBreakDuration,
                // A function that answers (even 4xx, or a policy that denies) is healthy; one that
                // fails to answer or answers 5xx is not.
                ShouldHandle = new PredicateBuilder<FunctionReply>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(static reply => reply.Status >= 500),
            })
            .AddTimeout(_options.CallTimeout)
            .Build();

    public void Dispose() => _http.Dispose();

    private readonly record struct FunctionReply(int Status, ReadOnlyMemory<byte> Body, bool Oversize);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Authorizer {Authorizer}: call failed ({Reason})")]
        public static partial void CallFailed(ILogger logger, string authorizer, string reason);

        [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Authorizer {Authorizer}: circuit open, refusing without a call")]
        public static partial void CircuitOpen(ILogger logger, string authorizer);

        [LoggerMessage(EventId = 1313, Level = LogLevel.Warning, Message = "Authorizer {Authorizer}: unusable answer ({Reason})")]
        public static partial void BadAnswer(ILogger logger, string authorizer, string reason);
    }
}

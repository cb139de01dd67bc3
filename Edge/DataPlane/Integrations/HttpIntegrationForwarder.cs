using Microsoft.AspNetCore.Connections;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;
using OrleansGateway.Edge.DataPlane.Integrations.Resilience;
using OrleansGateway.Edge.DataPlane.Pipeline;
using Polly;
using Polly.CircuitBreaker;
using Yarp.ReverseProxy.Forwarder;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// Serves HTTP and HTTP_PROXY integrations through YARP's <see cref="IHttpForwarder"/> and turns
/// forwarding failures into gateway responses: a timeout before the response headers → 504,
/// an unreachable or broken backend → 502, a body over the limit → 413. Never lets an exception
/// or YARP's bare status reach the caller while the response can still be replaced. Each exchange
/// goes through its backend's circuit breaker (open → 503 without calling the backend) and, for
/// retrying integrations, an invoker that retries connection failures (<see cref="BackendInvokers"/>).
/// An integration whose client certificate is unknown fails closed (500) without calling the backend.
/// </summary>
internal sealed partial class HttpIntegrationForwarder
{
    private static readonly ForwarderRequestConfig RequestConfig = new();

    private readonly IHttpForwarder _forwarder;
    private readonly BackendInvokers _invokers;
    private readonly BackendCircuitBreakers _breakers;
    private readonly ClientCertificateStore _clientCertificates;
    private readonly HttpProxyTransformer _proxyTransformer = new();
    private readonly HttpIntegrationTransformer _httpTransformer = new();
    private readonly ILogger<HttpIntegrationForwarder> _logger;

    public HttpIntegrationForwarder(
        IHttpForwarder forwarder, BackendInvokers invokers, BackendCircuitBreakers breakers, ClientCertificateStore clientCertificates, ILogger<HttpIntegrationForwarder> logger)
    {
        _forwarder = forwarder;
        _invokers = invokers;
        _breakers = breakers;
        _clientCertificates = clientCertificates;
        _logger = logger;
    }

    public async Task ForwardAsync(HttpContext context, ExecuteApiRequest request, CompiledIntegration integration)
    {
        if (!integration.Uri!.TryRender(context, request, out var destination))
        {
            Log.DestinationInvalid(_logger, request.ApiId, request.StageName, request.ResourcePath);
            await context.WriteGatewayResponseAsync(GatewayResponseType.ApiConfigurationError);
            return;
        }

        // Completes synchronously once the certificate is loaded (a grain call on first use only).
        if (integration.Resilience.ClientCertificateId is { } certificateId && await _clientCertificates.GetAsync(certificateId) is null)
        {
            Log.ClientCertificateUnavailable(_logger, request.ApiId, request.StageName, request.ResourcePath, certificateId);
            await context.WriteGatewayResponseAsync(GatewayResponseType.ApiConfigurationError);
            return;
        }

        using var timeout = new CancellationTokenSource(integration.Timeout);
        var exchange = new IntegrationExchange(integration, destination, timeout);
        request.Exchange = exchange;
        HttpTransformer transformer = integration.Kind == IntegrationKind.HttpProxy ? _proxyTransformer : _httpTransformer;

        var breaker = _breakers.For(destination, integration.Resilience.CircuitBreaker);
        var invoker = _invokers.For(integration.Resilience);
        ForwarderError error;
        try
        {
            // The breaker's own token is not passed on: only the integration timeout and the caller end an exchange.
            var outcome = await breaker.ExecuteAsync(
                static (state, _) => state.self.SendAsync(state.context, state.exchange, state.invoker, state.transformer),
                (self: this, context, exchange, invoker, transformer),
                CancellationToken.None);
            error = outcome.Error;
        }
        catch (BrokenCircuitException)
        {
            Log.CircuitOpen(_logger, request.ApiId, request.StageName, request.ResourcePath, destination.Authority);
            await context.WriteGatewayResponseAsync(GatewayResponseType.ServiceUnavailable);
            return;
        }
        catch (Exception exception) when (exception is OperationCanceledException or ConnectionResetException or IOException)
        {
            // The caller went away mid-exchange; there is nobody left to answer.
            return;
        }

        if (exchange.NoIntegrationResponse)
        {
            Log.NoIntegrationResponse(_logger, request.ApiId, request.StageName, request.ResourcePath);
            await context.WriteGatewayResponseAsync(GatewayResponseType.ApiConfigurationError);
            return;
        }
        if (error == ForwarderError.None || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            // After the response started YARP has already reset the exchange; nothing can be replaced.
            return;
        }

        var type = Classify(error, context.Response.StatusCode, timeout.IsCancellationRequested && !exchange.HeadersReceived);
        Log.ForwardingFailed(_logger, request.ApiId, request.StageName, request.ResourcePath, error, type);
        await context.WriteGatewayResponseAsync(type);
    }

    private async ValueTask<BackendOutcome> SendAsync(HttpContext context, IntegrationExchange exchange, HttpMessageInvoker invoker, HttpTransformer transformer)
    {
        var error = await _forwarder.SendAsync(context, exchange.Destination.OriginalString, invoker, RequestConfig, transformer, exchange.Timeout.Token);
        var failed = exchange.HeadersReceived
            ? exchange.BackendStatus >= StatusCodes.Status500InternalServerError
            // Without headers: the backend failed (or timed out, which YARP reports as a cancellation)
            // unless the caller broke off or sent a bad body.
            : !context.RequestAborted.IsCancellationRequested
                && (exchange.Timeout.IsCancellationRequested || error is not (ForwarderError.None or ForwarderError.RequestCanceled or ForwarderError.RequestBodyClient));
        return new BackendOutcome(error, failed);
    }

    private static GatewayResponseType Classify(ForwarderError error, int statusSetByForwarder, bool timedOut)
    {
        if (timedOut || error == ForwarderError.RequestTimedOut)
        {
            return GatewayResponseType.IntegrationTimeout;
        }
        if (error == ForwarderError.RequestBodyClient)
        {
            // YARP carries the server's verdict on the body: 413 when it crossed the size limit.
            return statusSetByForwarder == StatusCodes.Status413PayloadTooLarge
                ? GatewayResponseType.RequestTooLarge
                : GatewayResponseType.BadRequestBody;
        }
        return GatewayResponseType.BadGateway;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName} {ResourcePath}: the integration URI rendered for this request is not a valid URI")]
        public static partial void DestinationInvalid(ILogger logger, string apiId, string stageName, string resourcePath);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName} {ResourcePath}: the backend status selected no integration response and there is no default")]
        public static partial void NoIntegrationResponse(ILogger logger, string apiId, string stageName, string resourcePath);

        [LoggerMessage(EventId = 1203, Level = LogLevel.Information,
            Message = "API {ApiId} stage {StageName} {ResourcePath}: forwarding failed ({Error}); answered {ResponseType}")]
        public static partial void ForwardingFailed(ILogger logger, string apiId, string stageName, string resourcePath, ForwarderError error, GatewayResponseType responseType);

        [LoggerMessage(EventId = 1204, Level = LogLevel.Debug,
            Message = "API {ApiId} stage {StageName} {ResourcePath}: the circuit breaker of backend {Backend} is open; answered 503 without calling it")]
        public static partial void CircuitOpen(ILogger logger, string apiId, string stageName, string resourcePath, string backend);

        [LoggerMessage(EventId = 1205, Level = LogLevel.Error,
            Message = "API {ApiId} stage {StageName} {ResourcePath}: client certificate {CertificateId} is unknown or unusable; answered 500 without calling the backend")]
        public static partial void ClientCertificateUnavailable(ILogger logger, string apiId, string stageName, string resourcePath, string certificateId);
    }
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.DataPlane.InputLimits;

/// <summary>
/// Refuses a body declared as JSON (<c>application/json</c>, <c>application/*+json</c>) that is not
/// one well-formed JSON value in UTF-8 within <c>Gateway:DataPlane:MaxJsonDepth</c>: 400
/// <c>Invalid request body</c> (<c>BAD_REQUEST_BODY</c>), backend not called. Runs after request
/// validation, so API Gateway's order holds (authorizers, keys and throttles answer first;
/// required parameters before the body), and skips bodies validation already parsed against a
/// model. API Gateway forwards malformed JSON when no validator checks the body; this gateway
/// refuses it unless <see cref="InputLimitsOptions.CheckJsonBodies"/> is off or the stage is tagged
/// <c>gateway:jsonBodyCheck=off</c>.
/// </summary>
internal sealed partial class JsonBodyCheckMiddleware
{
    /// <summary>The stage tag that turns the check off for one stage (value <c>off</c>).</summary>
    public const string StageTag = "gateway:jsonBodyCheck";

    private readonly RequestDelegate _next;
    private readonly bool _enabled;
    private readonly long _maxBodyBytes;
    private readonly int _maxJsonDepth;
    private readonly ILogger<JsonBodyCheckMiddleware> _logger;

    public JsonBodyCheckMiddleware(
        RequestDelegate next,
        IOptions<InputLimitsOptions> limits,
        IOptions<DataPlaneListenerOptions> listener,
        ILogger<JsonBodyCheckMiddleware> logger)
    {
        _next = next;
        _enabled = limits.Value.CheckJsonBodies;
        _maxBodyBytes = listener.Value.MaxRequestBodyBytes;
        _maxJsonDepth = listener.Value.MaxJsonDepth;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // Kestrel knows whether a body can follow (Content-Length > 0, chunked, or an HTTP/2 stream
        // still open), which the headers alone do not say for HTTP/2.
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
            ?? (request.ContentLength > 0 || request.Headers.ContainsKey(HeaderNames.TransferEncoding));
        if (!_enabled || !canHaveBody || !IsJson(request.ContentType))
        {
            return _next(context);
        }
        var route = context.Features.Get<ExecuteApiRequest>();
        if (route?.Stage?.JsonBodyCheckOff == true
            || (route?.Method?.Validator is { BodyModels.Count: > 0 } validator && validator.ModelFor(request.ContentType) is not null))
        {
            // Turned off for the stage, or validation already parsed this body against a model.
            return _next(context);
        }
        return CheckThenContinueAsync(context, route);
    }

    private async Task CheckThenContinueAsync(HttpContext context, ExecuteApiRequest? route)
    {
        var request = context.Request;
        request.EnableBuffering(bufferThreshold: BodyBuffering.MemoryThreshold, bufferLimit: _maxBodyBytes);
        bool wellFormed;
        try
        {
            wellFormed = await JsonWellFormedness.IsWellFormedAsync(request.Body, _maxJsonDepth, context.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            await context.WriteGatewayResponseAsync(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? GatewayResponseType.RequestTooLarge : GatewayResponseType.BadRequestBody);
            return;
        }
        catch (IOException)
        {
            // EnableBuffering's own limit.
            await context.WriteGatewayResponseAsync(GatewayResponseType.RequestTooLarge);
            return;
        }
        if (!wellFormed)
        {
            Log.Refused(_logger, route?.ApiId ?? string.Empty, route?.StageName ?? string.Empty);
            await context.WriteGatewayResponseAsync(GatewayResponseType.BadRequestBody);
            return;
        }
        request.Body.Position = 0;
        await _next(context);
    }

    /// <summary><c>application/json</c> or <c>application/*+json</c>, parameters ignored.</summary>
    internal static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        mediaType = (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1552, Level = LogLevel.Debug, Message = "API {ApiId} stage {StageName}: malformed JSON body refused")]
        public static partial void Refused(ILogger logger, string apiId, string stageName);
    }
}

using Microsoft.AspNetCore.Http.Features;
using System.Buffers;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.DataPlane.Validation;

/// <summary>
/// API Gateway's request validation (reference §5.1), after usage plans and before the
/// integration: required parameters first (<c>BAD_REQUEST_PARAMETERS</c>), then the body against
/// the model for its media type (<c>BAD_REQUEST_BODY</c>). A refused request never reaches the
/// backend; an accepted body is rewound so the integration forwards it byte for byte.
/// </summary>
internal sealed partial class RequestValidationMiddleware
{
    private const string MissingParametersPrefix = "Missing required request parameters: [";

    private readonly RequestDelegate _next;
    private readonly long _maxBodyBytes;
    private readonly int _maxJsonDepth;
    private readonly ILogger<RequestValidationMiddleware> _logger;

    public RequestValidationMiddleware(
        RequestDelegate next,
        IOptions<DataPlaneListenerOptions> listener,
        IOptions<RequestValidationOptions> options,
        ILogger<RequestValidationMiddleware> logger)
    {
        _next = next;
        _maxBodyBytes = listener.Value.MaxRequestBodyBytes;
        _maxJsonDepth = options.Value.MaxJsonDepth;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Features.GetRequiredFeature<ExecuteApiRequest>();
        if (request.Method?.Validator is not { } validator)
        {
            await _next(context);
            return;
        }

        if (validator.RequiredParameters.Count > 0 && MissingParameters(context, request, validator) is { } missing)
        {
            var message = MissingParametersPrefix + missing + "]";
            request.ValidationErrorString = "[" + message + "]";
            Log.Refused(_logger, request.ApiId, request.StageName, "BAD_REQUEST_PARAMETERS");
            await context.WriteGatewayResponseAsync(GatewayResponseType.BadRequestParameters, message, static (_, _) => { }, 0);
            return;
        }

        if (validator.BodyModels.Count > 0 && validator.ModelFor(context.Request.ContentType) is { } model)
        {
            var body = await BufferBodyAsync(context);
            if (body is null)
            {
                await context.WriteGatewayResponseAsync(GatewayResponseType.RequestTooLarge);
                return;
            }
            var token = JsonBodyReader.Read(body.Value, _maxJsonDepth, out var parseError);
            var errors = token is null ? null : BodySchemaValidator.Validate(model, token);
            if (token is null || errors!.Count > 0)
            {
                request.ValidationErrorString = token is null
                    ? "[" + parseError + "]"
                    : "[" + string.Join(", ", errors!.Select(e => e.ToString())) + "]";
                Log.Refused(_logger, request.ApiId, request.StageName, "BAD_REQUEST_BODY");
                await context.WriteGatewayResponseAsync(GatewayResponseType.BadRequestBody);
                return;
            }
        }
        await _next(context);
    }

    /// <summary>The missing names joined as API Gateway lists them, or null when all are present.</summary>
    private static string? MissingParameters(HttpContext context, ExecuteApiRequest request, CompiledRequestValidator validator)
    {
        List<string>? missing = null;
        foreach (var parameter in validator.RequiredParameters)
        {
            var present = parameter.Source switch
            {
                RequestParameterSource.Path => request.PathParameters.TryGetValue(parameter.Name, out var value) && !string.IsNullOrWhiteSpace(value),
                RequestParameterSource.Header => HasValue(context.Request.Headers[parameter.Name]),
                _ => HasQueryValue(context.Request.Query, parameter.Name),
            };
            if (!present)
            {
                (missing ??= []).Add(parameter.Name);
            }
        }
        return missing is null ? null : string.Join(", ", missing);
    }

    /// <summary>ASP.NET Core's query collection ignores case; API Gateway's query names do not.</summary>
    private static bool HasQueryValue(IQueryCollection query, string name)
    {
        foreach (var (key, values) in query)
        {
            if (string.Equals(key, name, StringComparison.Ordinal) && HasValue(values))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasValue(Microsoft.Extensions.Primitives.StringValues values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Reads the whole body (bounded by the data plane's body limit, which Kestrel also enforces)
    /// into memory and rewinds it for the integration; null when it is over the limit.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>?> BufferBodyAsync(HttpContext context)
    {
        var httpRequest = context.Request;
        if (httpRequest.ContentLength > _maxBodyBytes)
        {
            return null;
        }
        httpRequest.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: _maxBodyBytes);
        var buffer = new ArrayBufferWriter<byte>(httpRequest.ContentLength is > 0 and < 64 * 1024 ? (int)httpRequest.ContentLength : 4096);
        try
        {
            while (true)
            {
                var read = await httpRequest.Body.ReadAsync(buffer.GetMemory(8192), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }
                buffer.Advance(read);
                if (buffer.WrittenCount > _maxBodyBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        catch (IOException)
        {
            // EnableBuffering's own limit.
            return null;
        }
        httpRequest.Body.Position = 0;
        return buffer.WrittenMemory;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "API {ApiId} stage {StageName}: request refused by validation ({ResponseType})")]
        public static partial void Refused(ILogger logger, string apiId, string stageName, string responseType);
    }
}

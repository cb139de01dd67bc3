using Microsoft.AspNetCore.Http.Features;
using System.Buffers;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.DataPlane.InputLimits;
using OrleansGateway.Edge.Hosting;
using Newtonsoft.Json.Linq;
using NJsonSchema;

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

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Features.GetRequiredFeature<ExecuteApiRequest>();
        // No state machine for the methods that have no validator.
        return request.Method?.Validator is { } validator ? ValidateThenContinueAsync(context, request, validator) : _next(context);
    }

    private async Task ValidateThenContinueAsync(HttpContext context, ExecuteApiRequest request, CompiledRequestValidator validator)
    {
        if (validator.RequiredParameters.Count > 0 && MissingParameters(context, request, validator) is { } missing)
        {
            var message = MissingParametersPrefix + missing + "]";
            request.ValidationErrorString = "[" + message + "]";
            Log.Refused(_logger, request.ApiId, request.StageName, "BAD_REQUEST_PARAMETERS");
            await context.WriteGatewayResponseAsync(GatewayResponseType.BadRequestParameters, message, static (_, _) => { }, 0);
            return;
        }

        if (validator.BodyModels.Count > 0 && validator.ModelFor(context.Request.ContentType) is { } model
            && !await BodyIsValidAsync(context, request, model))
        {
            return;
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
    /// Reads the body and validates it against <paramref name="model"/>; false when the request was
    /// refused (over the size limit, not JSON, or not matching) and the response written.
    /// </summary>
    private async Task<bool> BodyIsValidAsync(HttpContext context, ExecuteApiRequest request, JsonSchema model)
    {
        // Pooled: the bytes are needed only until the tree is built (its strings are copies), and
        // the integration forwards the body from the request's own buffer, rewound.
        var body = await BufferBodyAsync(context);
        if (body.Array is null)
        {
            await context.WriteGatewayResponseAsync(GatewayResponseType.RequestTooLarge);
            return false;
        }
        JToken? token;
        string? parseError;
        try
        {
            token = JsonBodyReader.Read(body.AsMemory(), _maxJsonDepth, out parseError);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Array);
        }
        var errors = token is null ? null : BodySchemaValidator.Validate(model, token);
        if (token is not null && errors!.Count == 0)
        {
            return true;
        }
        request.ValidationErrorString = token is null
            ? "[" + parseError + "]"
            : "[" + string.Join(", ", errors!.Select(e => e.ToString())) + "]";
        Log.Refused(_logger, request.ApiId, request.StageName, "BAD_REQUEST_BODY");
        await context.WriteGatewayResponseAsync(GatewayResponseType.BadRequestBody);
        return false;
    }

    /// <summary>
    /// Reads the whole body (bounded by the data plane's body limit, which Kestrel also enforces)
    /// into a pooled array and rewinds it for the integration; no array when it is over the limit.
    /// The caller returns the array to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    private async Task<ArraySegment<byte>> BufferBodyAsync(HttpContext context)
    {
        var httpRequest = context.Request;
        if (httpRequest.ContentLength > _maxBodyBytes)
        {
            return default;
        }
        httpRequest.EnableBuffering(bufferThreshold: BodyBuffering.MemoryThreshold, bufferLimit: _maxBodyBytes);
        // One byte more than declared, so the end of the body is seen without growing.
        var buffer = ArrayPool<byte>.Shared.Rent(httpRequest.ContentLength is > 0 and < BodyBuffering.MemoryThreshold ? (int)httpRequest.ContentLength + 1 : 4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await httpRequest.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }
                length += read;
                if (length > _maxBodyBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return default;
                }
            }
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or IOException)
        {
            // Over the server's limit, or EnableBuffering's own.
            ArrayPool<byte>.Shared.Return(buffer);
            return default;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        httpRequest.Body.Position = 0;
        return new ArraySegment<byte>(buffer, 0, length);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "API {ApiId} stage {StageName}: request refused by validation ({ResponseType})")]
        public static partial void Refused(ILogger logger, string apiId, string stageName, string responseType);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansGateway.Edge.Http;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Reads one AWS JSON-protocol call (bounded body, bounded depth), runs it on its service and writes
/// the answer or the error in the protocol's shape.
/// </summary>
internal static partial class AwsJsonEndpoint
{
    /// <summary>The largest call body accepted.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private const int MaxDepth = 32;

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task HandleAsync(HttpContext context, IAwsJsonService service)
    {
        var logger = context.RequestServices.GetRequiredService<ILogger<IAwsJsonService>>();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var prefix = service.TargetPrefixes.FirstOrDefault(p => target.StartsWith(p, StringComparison.Ordinal));
        var operation = prefix is null ? "" : target[prefix.Length..];
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        try
        {
            if (operation.Length == 0)
            {
                throw new AwsJsonException("UnknownOperationException", "Unknown operation " + target);
            }
            using var document = await ReadAsync(context);
            var result = await service.HandleAsync(operation, document.RootElement, context);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = service.ContentType;
            await JsonSerializer.SerializeAsync(context.Response.Body, result, result.GetType(), WriteOptions, context.RequestAborted);
        }
        catch (AwsJsonException e)
        {
            Log.Refused(logger, service.SigningName, operation, e.Type);
            context.Response.StatusCode = e.StatusCode;
            context.Response.ContentType = service.ContentType;
            context.Response.Headers[AwsErrorResponse.ErrorTypeHeader] = e.Type;
            await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody(e.Type, e.Message), WriteOptions, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // Grains unreachable or failing: the service's own error shape, never a stack trace.
            Log.Failed(logger, service.SigningName, operation, e);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = service.ContentType;
            context.Response.Headers[AwsErrorResponse.ErrorTypeHeader] = "ServiceUnavailableException";
            await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody("ServiceUnavailableException", "The service is unavailable; retry later."), WriteOptions, context.RequestAborted);
        }
    }

    private static async Task<JsonDocument> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new AwsJsonException("ValidationException", $"Request body larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
        {
            length += read;
        }
        if (length > MaxBodyBytes)
        {
            throw new AwsJsonException("ValidationException", $"Request body larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
        if (length == 0)
        {
            return JsonDocument.Parse("{}");
        }
        try
        {
            var document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw AwsJsonException.Validation("The request body must be a JSON object.");
            }
            return document;
        }
        catch (JsonException)
        {
            throw new AwsJsonException("SerializationException", "The request body is not valid JSON.");
        }
    }

    private sealed record ErrorBody([property: JsonPropertyName("__type")] string Type, [property: JsonPropertyName("message")] string Message);

    private static partial class Log
    {
        [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "{Service} {Operation} refused: {ErrorType}")]
        public static partial void Refused(ILogger logger, string service, string operation, string errorType);

        [LoggerMessage(EventId = 7105, Level = LogLevel.Error, Message = "{Service} {Operation} failed.")]
        public static partial void Failed(ILogger logger, string service, string operation, Exception exception);
    }
}

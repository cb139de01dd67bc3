using System.Buffers;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>
/// WAFv2's JSON protocol on the management listener: <c>POST /</c> signed for service <c>wafv2</c>,
/// <c>X-Amz-Target: AWSWAF_20190729.{Operation}</c>, an <c>application/x-amz-json-1.1</c> object in
/// and out; errors as <c>{"__type": "WAF…Exception", "Message": …}</c> with status 400.
/// </summary>
internal static partial class WafJsonEndpoint
{
    private const string TargetPrefix = "AWSWAF_20190729.";
    private const string ContentType = "application/x-amz-json-1.1";

    /// <summary>Nesting allowed in a call's JSON; WAF's own statement depth is bounded separately.</summary>
    private const int MaxJsonDepth = 64;

    /// <summary>Answers one WAF call (the IAM endpoint hands over calls signed for <c>wafv2</c>).</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        var operations = context.RequestServices.GetRequiredService<WafOperations>();
        var logger = context.RequestServices.GetRequiredService<ILogger<WafOperations>>();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : null;
        try
        {
            if (operation is null)
            {
                await WriteErrorAsync(context, "UnknownOperationException", "Unknown operation", null);
                return;
            }
            using var document = await ReadAsync(context);
            var buffer = new ArrayBufferWriter<byte>();
            bool known;
            await using (var writer = new Utf8JsonWriter(buffer))
            {
                known = await operations.RunAsync(operation, new WafInput(document.RootElement), writer);
            }
            if (!known)
            {
                await WriteErrorAsync(context, "UnknownOperationException", $"Unknown operation {operation}", null);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = ContentType;
            await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        }
        catch (WafException e)
        {
            Log.Refused(logger, operation ?? "(none)", e.TypeName);
            await WriteErrorAsync(context, e.TypeName, e.Message, e);
        }
    }

    private static async Task<JsonDocument> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > WafLimits.MaxRequestBytes)
        {
            throw WafException.Limits($"{WafLimits.MaxRequestBytes} bytes in a request");
        }
        // The SigV4 middleware has buffered the body; read it with WAF's own bound, sized by the
        // declared length so a small call does not allocate the whole bound.
        var buffer = new byte[(int)Math.Min(WafLimits.MaxRequestBytes + 1L, (context.Request.ContentLength ?? 16 * 1024) + 1)];
        var length = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                if (length > WafLimits.MaxRequestBytes)
                {
                    throw WafException.Limits($"{WafLimits.MaxRequestBytes} bytes in a request");
                }
                Array.Resize(ref buffer, (int)Math.Min(WafLimits.MaxRequestBytes + 1L, buffer.Length * 2L));
            }
        }
        try
        {
            var document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new JsonException("not an object");
            }
            return document;
        }
        catch (JsonException)
        {
            throw new WafException(WafErrorType.InvalidParameter, "The request body is not a JSON object (or nests too deeply)");
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, string type, string message, WafException? exception)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = ContentType;
        context.Response.Headers["x-amzn-ErrorType"] = type;
        var buffer = new ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", type);
            writer.WriteString("Message", message);
            if (exception?.Field is { } field)
            {
                writer.WriteString("Field", field);
            }
            if (exception?.Parameter is { } parameter)
            {
                writer.WriteString("Parameter", parameter);
            }
            if (exception?.Reason is { } reason)
            {
                writer.WriteString("Reason", reason);
            }
            writer.WriteEndObject();
        }
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1441, Level = LogLevel.Information, Message = "WAF {Operation} refused: {ErrorType}")]
        public static partial void Refused(ILogger logger, string operation, string errorType);
    }
}

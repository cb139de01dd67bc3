using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansGateway.Edge.Http;

/// <summary>
/// Writes an error the way AWS JSON services do: <c>x-amzn-ErrorType</c> plus <c>{"message":"..."}</c>.
/// The one writer for the management listener (SigV4 failures and management errors alike).
/// </summary>
internal static class AwsErrorResponse
{
    /// <summary>The header SDKs read the error name from.</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    // Relaxed escaping keeps quotes such as 'apigateway' readable; the body is JSON, never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, int statusCode, string errorType, string message)
    {
        var body = new ArrayBufferWriter<byte>(message.Length + 16);
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = statusCode;
        response.Headers[ErrorTypeHeader] = errorType;
        if (!response.Headers.ContainsKey("x-amzn-RequestId"))
        {
            response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        }

        response.ContentType = "application/json";
        response.ContentLength = body.WrittenCount;
        return response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted).AsTask();
    }
}

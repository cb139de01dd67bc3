using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OrleansGateway.Edge.DataPlane.Validation;

/// <summary>
/// Parses a buffered request body as one JSON value for schema validation: strict UTF-8, nesting
/// bounded, nothing but white space after the value. Any failure is the caller's malformed body.
/// </summary>
internal static class JsonBodyReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as a token, or null with <paramref name="error"/> saying why it is not JSON.</summary>
    public static JToken? Read(ReadOnlyMemory<byte> body, int maxDepth, out string? error)
    {
        if (body.IsEmpty)
        {
            // As LocalStack does: no body is validated as an empty object, so a GET without a body
            // passes a model that requires nothing and fails one with required properties.
            error = null;
            return new JObject();
        }
        try
        {
            string text = StrictUtf8.GetString(body.Span);
            using var reader = new JsonTextReader(new StringReader(text))
            {
                MaxDepth = maxDepth,
                // Keep values as written: a date-like or big-number string must validate as the string it is.
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
            var token = JToken.ReadFrom(reader, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            if (reader.Read())
            {
                error = "unexpected content after the JSON value";
                return null;
            }
            error = null;
            return token;
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException or OverflowException)
        {
            error = ex is DecoderFallbackException ? "the body is not valid UTF-8" : ex.Message;
            return null;
        }
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OrleansGateway.Edge.DataPlane.Validation;

/// <summary>
/// Parses a buffered request body as one JSON value for schema validation: strict UTF-8, nesting
/// bounded, nothing but white space after the value. Any failure is the caller's malformed body.
/// </summary>
/// <remarks>
/// Strict RFC 8259 JSON, what clients send, is built into the <see cref="JToken"/> tree straight
/// from the UTF-8 bytes with <see cref="Utf8JsonReader"/>: no decoding of the whole body into a
/// string, no <see cref="JsonTextReader"/> and its character buffers (about half the parse's time
/// and memory). Anything that reader does not take as it is (comments, Newtonsoft's lenient
/// syntax, numbers outside <c>long</c>/<c>decimal</c>, duplicate names, a body at the depth limit,
/// malformed input) goes through the Newtonsoft reader exactly as before, so what is accepted,
/// what is refused and the error texts are unchanged.
/// </remarks>
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
        if (TryReadStrict(body.Span, maxDepth) is { } token)
        {
            error = null;
            return token;
        }
        return ReadLenient(body, maxDepth, out error);
    }

    /// <summary>
    /// The tree Newtonsoft would build (<c>long</c> integers, <c>decimal</c> for numbers with a
    /// fraction or exponent, strings as written) for strict JSON; null for anything else, which
    /// <see cref="ReadLenient"/> then decides.
    /// </summary>
    internal static JToken? TryReadStrict(ReadOnlySpan<byte> body, int maxDepth)
    {
        // The reader checks UTF-8 only in the strings it decodes; the lenient path's decoder checks all of it.
        if (!Utf8.IsValid(body))
        {
            return null;
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        JToken? root = null;
        JContainer? parent = null;
        string? propertyName = null;
        var depth = 0;
        try
        {
            while (reader.Read())
            {
                JToken value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (++depth >= maxDepth)
                        {
                            // At the limit the Newtonsoft reader's own depth rule decides.
                            return null;
                        }
                        JContainer container = reader.TokenType == JsonTokenType.StartObject ? new JObject() : new JArray();
                        if (!TryAdd(parent, ref propertyName, container, ref root))
                        {
                            return null;
                        }
                        parent = container;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        depth--;
                        var up = parent!.Parent;
                        parent = up is JProperty property ? property.Parent : up;
                        continue;
                    case JsonTokenType.PropertyName:
                        propertyName = reader.GetString();
                        continue;
                    case JsonTokenType.String:
                        value = JValue.CreateString(reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        if (reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
                        {
                            if (!reader.TryGetDecimal(out var fraction))
                            {
                                return null;
                            }
                            value = new JValue(fraction);
                        }
                        else
                        {
                            if (!reader.TryGetInt64(out var integer))
                            {
                                return null;
                            }
                            value = new JValue(integer);
                        }
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        value = new JValue(reader.TokenType == JsonTokenType.True);
                        break;
                    case JsonTokenType.Null:
                        value = JValue.CreateNull();
                        break;
                    default:
                        return null;
                }
                if (!TryAdd(parent, ref propertyName, value, ref root))
                {
                    return null;
                }
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
        return root;
    }

    /// <summary>Adds a value to its container (or makes it the root); false for a duplicate property name.</summary>
    private static bool TryAdd(JContainer? parent, ref string? propertyName, JToken value, ref JToken? root)
    {
        switch (parent)
        {
            case null:
                root = value;
                return true;
            case JObject obj:
                if (obj.ContainsKey(propertyName!))
                {
                    return false;
                }
                obj.Add(propertyName!, value);
                propertyName = null;
                return true;
            default:
                parent.Add(value);
                return true;
        }
    }

    internal static JToken? ReadLenient(ReadOnlyMemory<byte> body, int maxDepth, out string? error)
    {
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
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or DecoderFallbackException or OverflowException)
        {
            error = ex is DecoderFallbackException ? "the body is not valid UTF-8" : ex.Message;
            return null;
        }
    }
}

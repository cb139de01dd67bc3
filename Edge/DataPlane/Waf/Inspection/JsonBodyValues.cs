using System.Text;
using System.Text.Json;

namespace OrleansGateway.Edge.DataPlane.Waf.Inspection;

/// <summary>
/// A JSON body taken apart for inspection: its property names and leaf values (strings unescaped,
/// numbers and literals as written), so a detector sees "O'Brien" rather than the quotes and
/// braces around it. Parsing is bounded by the inspected bytes; a truncated (oversize) body yields
/// what was read before the cut.
/// </summary>
internal sealed class JsonBodyValues
{
    private const int MaxDepth = 64;

    /// <summary>The body is not JSON (or not UTF-8 JSON the reader accepts).</summary>
    public static JsonBodyValues Invalid { get; } = new([], [], [], isValid: false);

    private JsonBodyValues(List<string> keys, List<string> values, List<string> distinctText, bool isValid)
    {
        Keys = keys;
        Values = values;
        DistinctText = distinctText;
        IsValid = isValid;
    }

    /// <summary>Property names, in document order.</summary>
    public List<string> Keys { get; }

    /// <summary>Leaf values (numbers and literals as written), in document order.</summary>
    public List<string> Values { get; }

    /// <summary>
    /// Property names and string values, each once: what the core rule group's detectors inspect.
    /// Numbers and literals cannot carry a payload, and a repeated text needs no second look, so
    /// leaving them out saves detector calls without losing a detection.
    /// </summary>
    public List<string> DistinctText { get; }

    public bool IsValid { get; }

    public static JsonBodyValues Parse(ReadOnlyMemory<byte> body, bool truncated)
    {
        var keys = new List<string>();
        var values = new List<string>();
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var distinctText = new List<string>();
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var key = reader.GetString()!;
                        keys.Add(key);
                        if (distinct.Add(key))
                        {
                            distinctText.Add(key);
                        }
                        break;
                    case JsonTokenType.String:
                        var text = reader.GetString()!;
                        values.Add(text);
                        if (distinct.Add(text))
                        {
                            distinctText.Add(text);
                        }
                        break;
                    case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        values.Add(Encoding.UTF8.GetString(reader.ValueSpan));
                        break;
                }
            }
            return reader.BytesConsumed == 0 ? Invalid : new JsonBodyValues(keys, values, distinctText, isValid: true);
        }
        catch (JsonException) when (truncated && (keys.Count > 0 || values.Count > 0))
        {
            return new JsonBodyValues(keys, values, distinctText, isValid: true);
        }
        catch (JsonException)
        {
            return Invalid;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 inside a string.
            return Invalid;
        }
    }
}

using System.Text;
using System.Text.Json;

namespace OrleansGateway.Edge.DataPlane.Waf.Inspection;

/// <summary>
/// A JSON body taken apart for inspection: its property names and leaf values (strings unescaped,
/// numbers and literals as written), so a detector sees "O'Brien" rather than the quotes and
/// braces around it. Parsing is bounded by the inspected bytes; a truncated (oversize) body yields
/// what was read before the cut.
/// </summary>
/// <remarks>
/// Parsing collects only <see cref="DistinctText"/>, what the core rule group inspects; the
/// document-order <see cref="Keys"/> and <see cref="Values"/> (a <c>JsonBody</c> field's view,
/// numbers included) are read on first use, so a web ACL without such a field never allocates them.
/// </remarks>
internal sealed class JsonBodyValues
{
    private const int MaxDepth = 64;

    private readonly ReadOnlyMemory<byte> _body;
    private readonly bool _truncated;
    private List<string>? _keys;
    private List<string>? _values;

    /// <summary>The body is not JSON (or not UTF-8 JSON the reader accepts).</summary>
    public static JsonBodyValues Invalid { get; } = new(default, truncated: false, [], isValid: false) { _keys = [], _values = [] };

    private JsonBodyValues(ReadOnlyMemory<byte> body, bool truncated, List<string> distinctText, bool isValid)
    {
        _body = body;
        _truncated = truncated;
        DistinctText = distinctText;
        IsValid = isValid;
    }

    /// <summary>Property names, in document order.</summary>
    public List<string> Keys
    {
        get
        {
            ReadKeysAndValues();
            return _keys!;
        }
    }

    /// <summary>Leaf values (numbers and literals as written), in document order.</summary>
    public List<string> Values
    {
        get
        {
            ReadKeysAndValues();
            return _values!;
        }
    }

    /// <summary>
    /// Property names and string values, each once: what the core rule group's detectors inspect.
    /// Numbers and literals cannot carry a payload, and a repeated text needs no second look, so
    /// leaving them out saves detector calls without losing a detection.
    /// </summary>
    public List<string> DistinctText { get; }

    public bool IsValid { get; }

    public static JsonBodyValues Parse(ReadOnlyMemory<byte> body, bool truncated)
    {
        var distinctText = new List<string>();
        return Read(body.Span, truncated, keys: null, values: null, distinctText)
            ? new JsonBodyValues(body, truncated, distinctText, isValid: true)
            : Invalid;
    }

    private void ReadKeysAndValues()
    {
        if (_keys is not null)
        {
            return;
        }
        var keys = new List<string>();
        var values = new List<string>();
        // The same bytes read the same way as in Parse, which found them valid.
        Read(_body.Span, _truncated, keys, values, distinctText: null);
        _values = values;
        _keys = keys;
    }

    /// <summary>
    /// Reads the body, adding to whichever lists are given; false when it is not JSON (a truncated
    /// body that yielded something before the cut counts as JSON).
    /// </summary>
    private static bool Read(ReadOnlySpan<byte> body, bool truncated, List<string>? keys, List<string>? values, List<string>? distinctText)
    {
        var distinct = distinctText is null ? null : new HashSet<string>(StringComparer.Ordinal);
        var found = false;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                    case JsonTokenType.String:
                        var text = reader.GetString()!;
                        found = true;
                        (reader.TokenType == JsonTokenType.PropertyName ? keys : values)?.Add(text);
                        if (distinct is not null && distinct.Add(text))
                        {
                            distinctText!.Add(text);
                        }
                        break;
                    case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                        found = true;
                        values?.Add(Encoding.UTF8.GetString(reader.ValueSpan));
                        break;
                }
            }
            return reader.BytesConsumed != 0;
        }
        catch (JsonException) when (truncated && found)
        {
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 inside a string.
            return false;
        }
    }
}

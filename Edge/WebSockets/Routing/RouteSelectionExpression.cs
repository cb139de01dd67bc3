using System.Text.Json;

namespace OrleansGateway.Edge.WebSockets.Routing;

/// <summary>
/// A compiled <c>$request.body.a.b</c> (or <c>${request.body.a.b}</c>) expression: reads the route
/// key from a JSON message without building a DOM (a Utf8JsonReader walk that skips what it does not need).
/// </summary>
internal sealed class RouteSelectionExpression
{
    private const string Prefix = "$request.body.";
    private const int MaxSegments = 16;

    private readonly byte[][] _path;

    private RouteSelectionExpression(byte[][] path) => _path = path;

    /// <summary>The expression as the API defines it.</summary>
    public required string Text { get; init; }

    /// <summary>Parses <paramref name="text"/>; false when it is not a body-path expression.</summary>
    public static bool TryParse(string? text, out RouteSelectionExpression? expression)
    {
        expression = null;
        if (text is null)
        {
            return false;
        }
        var inner = text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') ? "$" + text[2..^1] : text;
        if (!inner.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var segments = inner[Prefix.Length..].Split('.');
        if (segments.Length > MaxSegments || segments.Any(s => s.Length == 0))
        {
            return false;
        }
        expression = new RouteSelectionExpression(segments.Select(System.Text.Encoding.UTF8.GetBytes).ToArray()) { Text = text };
        return true;
    }

    /// <summary>
    /// The route key the message selects: the string (or number/boolean, as text) at the path;
    /// null when the message is not JSON, too deep, or has nothing there.
    /// </summary>
    public string? Select(ReadOnlySpan<byte> message, int maxDepth)
    {
        var reader = new Utf8JsonReader(message, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            for (var level = 0; level < _path.Length; level++)
            {
                if (!MoveToProperty(ref reader, _path[level]))
                {
                    return null;
                }
                reader.Read();
                var last = level == _path.Length - 1;
                if (last)
                {
                    return reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False =>
                            System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => null,
                    };
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Advances over the current object's members to <paramref name="name"/>; the reader is left on the property name.</summary>
    private static bool MoveToProperty(ref Utf8JsonReader reader, byte[] name)
    {
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.ValueTextEquals(name):
                    return true;
                case JsonTokenType.PropertyName:
                    reader.Read();
                    reader.Skip();
                    break;
                case JsonTokenType.EndObject:
                    return false;
            }
        }
        return false;
    }
}

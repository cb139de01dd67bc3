using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.Events;

/// <summary>
/// EventBridge's event patterns, the subset the gateway matches: nested objects, arrays of allowed
/// values (any may match; an array field in the event matches when any element does), and the
/// content filters <c>prefix</c>, <c>anything-but</c> and <c>exists</c>.
/// </summary>
internal sealed class EventPattern
{
    public const int MaxLength = 4096;
    private const int MaxDepth = 10;

    private readonly JsonObject _pattern;

    private EventPattern(JsonObject pattern) => _pattern = pattern;

    /// <summary>Parses and checks a pattern; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static EventPattern Parse(string text)
    {
        if (text.Length is 0 or > MaxLength)
        {
            throw new ArgumentException($"EventPattern must be 1 to {MaxLength} characters.");
        }
        JsonObject pattern;
        try
        {
            pattern = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth + 2 }) as JsonObject
                ?? throw new ArgumentException("EventPattern must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new ArgumentException("EventPattern is not valid JSON.");
        }
        Check(pattern, 0);
        return new EventPattern(pattern);
    }

    /// <summary>Whether the event matches.</summary>
    public bool Matches(JsonNode? evt) => Matches(_pattern, evt);

    private static void Check(JsonObject pattern, int depth)
    {
        if (depth > MaxDepth || pattern.Count == 0)
        {
            throw new ArgumentException("EventPattern objects must be non-empty and at most 10 levels deep.");
        }
        foreach (var (key, value) in pattern)
        {
            switch (value)
            {
                case JsonObject inner:
                    Check(inner, depth + 1);
                    break;
                case JsonArray array when array.Count > 0 && array.All(ValidMatcher):
                    break;
                default:
                    throw new ArgumentException($"EventPattern field {key} must be an object or a non-empty array of values or filters.");
            }
        }
    }

    private static bool ValidMatcher(JsonNode? node) => node switch
    {
        null or JsonValue => true,
        JsonObject filter when filter.Count == 1 => filter.First().Key switch
        {
            "prefix" => filter["prefix"] is JsonValue,
            "exists" => filter["exists"] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "anything-but" => filter["anything-but"] is JsonValue or JsonArray,
            _ => false,
        },
        _ => false,
    };

    private static bool Matches(JsonObject pattern, JsonNode? evt)
    {
        foreach (var (key, expected) in pattern)
        {
            var actual = evt is JsonObject obj && obj.TryGetPropertyValue(key, out var value) ? value : null;
            var present = evt is JsonObject o && o.ContainsKey(key);
            var ok = expected switch
            {
                JsonObject inner => actual is JsonObject && Matches(inner, actual),
                JsonArray allowed => allowed.Any(m => MatchesOne(m, actual, present)),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static bool MatchesOne(JsonNode? matcher, JsonNode? actual, bool present)
    {
        if (matcher is JsonObject filter && filter.First() is var (name, operand))
        {
            if (name == "exists")
            {
                return operand!.GetValue<bool>() == present;
            }
            if (!present)
            {
                return false;
            }
            var values = actual is JsonArray array ? array.ToList() : [actual];
            return name switch
            {
                "prefix" => values.Any(v => v is JsonValue s && s.TryGetValue<string>(out var text) && text.StartsWith(operand!.GetValue<string>(), StringComparison.Ordinal)),
                "anything-but" => values.All(v => operand is JsonArray denied ? !denied.Any(d => JsonNode.DeepEquals(d, v)) : !JsonNode.DeepEquals(operand, v)),
                _ => false,
            };
        }
        if (!present)
        {
            return false;
        }
        return actual is JsonArray items ? items.Any(i => JsonNode.DeepEquals(i, matcher)) : JsonNode.DeepEquals(actual, matcher);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>
/// One condition of a custom rule: a path into the resource's configuration (dot-separated property
/// names or array indexes, <c>*</c> for every property or element) and a test every matched value must pass.
/// </summary>
internal sealed record JsonRuleCondition(string Path, string Operator, JsonNode? Operand, Regex? Pattern)
{
    public const int MaxPathLength = 256;
    public const int MaxSegments = 16;

    public static readonly string[] Operators = ["equals", "notEquals", "in", "notIn", "exists", "contains", "greaterThan", "lessThan", "matches"];

    private string[] Segments { get; } = Path.Split('.');

    /// <summary>Whether the configuration passes; <paramref name="reason"/> says why not.</summary>
    public bool Test(JsonNode? configuration, out string? reason)
    {
        var values = new List<JsonNode?>();
        Collect(configuration, 0, values);
        reason = null;
        if (Operator == "exists")
        {
            var wanted = Operand?.GetValue<bool>() ?? true;
            var exists = values.Any(v => v is not null);
            reason = exists == wanted ? null : $"{Path} {(wanted ? "is missing" : "is present")}";
            return reason is null;
        }
        if (values.Count == 0)
        {
            reason = $"{Path} is missing";
            return false;
        }
        foreach (var value in values)
        {
            if (!Passes(value))
            {
                reason = $"{Path} is {value?.ToJsonString() ?? "null"}, expected {Operator} {Operand?.ToJsonString() ?? Pattern?.ToString()}";
                return false;
            }
        }
        return true;
    }

    private bool Passes(JsonNode? value) => Operator switch
    {
        "equals" => JsonNode.DeepEquals(value, Operand),
        "notEquals" => !JsonNode.DeepEquals(value, Operand),
        "in" => Operand is JsonArray allowed && allowed.Any(a => JsonNode.DeepEquals(a, value)),
        "notIn" => Operand is JsonArray denied && !denied.Any(a => JsonNode.DeepEquals(a, value)),
        "contains" => value switch
        {
            JsonArray array => array.Any(a => JsonNode.DeepEquals(a, Operand)),
            JsonValue text when text.TryGetValue<string>(out var s) && Operand is JsonValue part && part.TryGetValue<string>(out var p) => s.Contains(p, StringComparison.Ordinal),
            _ => false,
        },
        "greaterThan" => Number(value) is { } a && Number(Operand) is { } b && a > b,
        "lessThan" => Number(value) is { } c && Number(Operand) is { } d && c < d,
        "matches" => value is JsonValue v && v.TryGetValue<string>(out var t) && Matches(t),
        _ => false,
    };

    private bool Matches(string text)
    {
        try
        {
            return Pattern!.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    private void Collect(JsonNode? node, int index, List<JsonNode?> values)
    {
        if (index == Segments.Length)
        {
            values.Add(node);
            return;
        }
        var segment = Segments[index];
        switch (node)
        {
            case JsonObject obj when segment == "*":
                foreach (var (_, child) in obj)
                {
                    Collect(child, index + 1, values);
                }
                break;
            case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                Collect(child, index + 1, values);
                break;
            case JsonArray array when segment == "*":
                foreach (var child in array)
                {
                    Collect(child, index + 1, values);
                }
                break;
            case JsonArray array when int.TryParse(segment, out var position) && position >= 0 && position < array.Count:
                Collect(array[position], index + 1, values);
                break;
        }
    }
}

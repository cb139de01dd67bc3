using System.Text.Json;

namespace OrleansGateway.Edge.DataPlane.Waf.Compilation;

/// <summary>Reads the WAFv2 JSON shapes, failing with a <see cref="WafDefinitionException"/> that says where.</summary>
internal static class WafJson
{
    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement.Clone();

    public static JsonElement Object(JsonElement parent, string property, string where)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw new WafDefinitionException($"{where}.{property}: required object is missing.");
        }
        return value;
    }

    public static JsonElement? OptionalObject(JsonElement parent, string property, string where)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new WafDefinitionException($"{where}.{property}: must be an object.");
        }
        return value;
    }

    public static string String(JsonElement parent, string property, string where) =>
        OptionalString(parent, property, where) is { Length: > 0 } text
            ? text
            : throw new WafDefinitionException($"{where}.{property}: required string is missing or empty.");

    public static string? OptionalString(JsonElement parent, string property, string where)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new WafDefinitionException($"{where}.{property}: must be a string.");
    }

    public static long Integer(JsonElement parent, string property, string where, long min, long max) =>
        OptionalInteger(parent, property, where, min, max) ?? throw new WafDefinitionException($"{where}.{property}: required number is missing.");

    public static long? OptionalInteger(JsonElement parent, string property, string where, long min, long max)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
        {
            throw new WafDefinitionException($"{where}.{property}: must be an integer from {min} to {max}.");
        }
        return number;
    }

    public static JsonElement.ArrayEnumerator Array(JsonElement parent, string property, string where, int maxLength, bool required = false)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required
                ? throw new WafDefinitionException($"{where}.{property}: required list is missing.")
                : EmptyArray.EnumerateArray();
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new WafDefinitionException($"{where}.{property}: must be a list.");
        }
        if (value.GetArrayLength() > maxLength)
        {
            throw new WafDefinitionException($"{where}.{property}: at most {maxLength} entries.");
        }
        return value.EnumerateArray();
    }

    /// <summary>The single property of a union object such as <c>{"Block": {...}}</c>.</summary>
    public static (string Name, JsonElement Value) Union(JsonElement union, string where)
    {
        (string, JsonElement)? found = null;
        foreach (var property in union.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            if (found is not null)
            {
                throw new WafDefinitionException($"{where}: exactly one of its members may be set; found {found.Value.Item1} and {property.Name}.");
            }
            found = (property.Name, property.Value);
        }
        return found ?? throw new WafDefinitionException($"{where}: one member must be set.");
    }

}

using System.Globalization;
using System.Text.Json;

namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>
/// The bounded JSONPath subset a mapping may use to pick a value out of a JSON body:
/// <c>$</c>, <c>.name</c>, <c>['name']</c> and <c>[index]</c> steps (the leading <c>$.</c> is
/// optional, as in <c>integration.response.body.redirect.url</c>). No wildcards, filters or
/// recursive descent, so evaluation is one walk down the document.
/// </summary>
internal sealed class ResponseBodyPath
{
    /// <summary>Most steps a path may have.</summary>
    public const int MaxSteps = 32;

    /// <summary>Longest path text accepted.</summary>
    public const int MaxLength = 512;

    private readonly Step[] _steps;

    private ResponseBodyPath(Step[] steps) => _steps = steps;

    /// <summary>The whole body.</summary>
    public static ResponseBodyPath Root { get; } = new([]);

    /// <summary>Parses <paramref name="text"/>; null when it is not in the subset or over the bounds.</summary>
    public static ResponseBodyPath? Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            return null;
        }
        var position = 0;
        if (text.StartsWith('$'))
        {
            position = 1;
        }
        else if (text.Length > 0 && text[0] != '[')
        {
            // "a.b" reads as "$.a.b".
            text = "." + text;
        }
        var steps = new List<Step>();
        while (position < text.Length)
        {
            if (steps.Count == MaxSteps)
            {
                return null;
            }
            if (text[position] == '.')
            {
                var start = ++position;
                while (position < text.Length && text[position] is not ('.' or '['))
                {
                    position++;
                }
                if (position == start)
                {
                    return null;
                }
                steps.Add(new Step(text[start..position], -1));
            }
            else if (text[position] == '[')
            {
                var close = text.IndexOf(']', position);
                if (close < 0)
                {
                    return null;
                }
                var inner = text[(position + 1)..close];
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    steps.Add(new Step(inner[1..^1], -1));
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new Step(null, index));
                }
                else
                {
                    return null;
                }
                position = close + 1;
            }
            else
            {
                return null;
            }
        }
        return new ResponseBodyPath([.. steps]);
    }

    /// <summary>
    /// The value at this path as mapping text: a string as itself, numbers, booleans, objects and
    /// arrays as their JSON; null when the path leads nowhere or to JSON null.
    /// </summary>
    public string? Evaluate(JsonElement root)
    {
        var current = root;
        foreach (var step in _steps)
        {
            if (step.Name is not null)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step.Name, out current))
                {
                    return null;
                }
            }
            else if (current.ValueKind != JsonValueKind.Array || step.Index >= current.GetArrayLength())
            {
                return null;
            }
            else
            {
                current = current[step.Index];
            }
        }
        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => current.GetRawText(),
        };
    }

    private readonly record struct Step(string? Name, int Index);
}

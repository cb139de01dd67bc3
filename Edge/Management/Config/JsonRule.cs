using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>
/// A custom rule in the gateway's JSON rule language (Config's <c>CUSTOM_POLICY</c> with
/// <c>PolicyRuntime</c> <c>gateway-json-rules-1.0</c>):
/// <c>{"resourceType": "AWS::ApiGateway::Stage", "match": "all", "conditions": [{"path": "tracingEnabled", "equals": true}]}</c>,
/// or a single condition inline (<c>{"resourceType": …, "path": …, "equals": …}</c>).
/// </summary>
internal sealed record JsonRule(string ResourceType, bool MatchAll, IReadOnlyList<JsonRuleCondition> Conditions)
{
    public const string Runtime = "gateway-json-rules-1.0";
    public const int MaxPolicyBytes = 10 * 1024;
    public const int MaxConditions = 20;

    // NonBacktracking is linear in the input already; the timeout is only a backstop. 50 ms misfired on a
    // loaded machine (the first match builds the automaton) and turned a matching value into a non-match.
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Parses and checks a rule; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static JsonRule Parse(string policyText)
    {
        if (policyText.Length > MaxPolicyBytes)
        {
            throw new ArgumentException($"PolicyText is longer than {MaxPolicyBytes} characters.");
        }
        JsonObject root;
        try
        {
            root = JsonNode.Parse(policyText, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }) as JsonObject
                ?? throw new ArgumentException("PolicyText must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ArgumentException("PolicyText is not valid JSON: " + e.Message);
        }
        var resourceType = root["resourceType"] is JsonValue type && type.TryGetValue<string>(out var t) && t.Length is > 0 and <= 256
            ? t : throw new ArgumentException("PolicyText needs a resourceType.");
        var match = root["match"]?.GetValue<string>() ?? "all";
        if (match is not ("all" or "any"))
        {
            throw new ArgumentException("match must be \"all\" or \"any\".");
        }
        var conditionNodes = root["conditions"] is JsonArray list ? list.ToList() : [root];
        if (conditionNodes.Count is 0 or > MaxConditions)
        {
            throw new ArgumentException($"A rule has 1 to {MaxConditions} conditions.");
        }
        return new JsonRule(resourceType, match == "all", [.. conditionNodes.Select(Condition)]);
    }

    /// <summary>Evaluates a configuration; the annotation names the first failing condition.</summary>
    public (bool Compliant, string? Annotation) Evaluate(JsonNode? configuration)
    {
        var reasons = new List<string>();
        foreach (var condition in Conditions)
        {
            if (condition.Test(configuration, out var reason))
            {
                if (!MatchAll)
                {
                    return (true, null);
                }
            }
            else
            {
                reasons.Add(reason!);
                if (MatchAll)
                {
                    return (false, reason);
                }
            }
        }
        return MatchAll ? (true, null) : (false, string.Join("; ", reasons));
    }

    private static JsonRuleCondition Condition(JsonNode? node)
    {
        if (node is not JsonObject condition || condition["path"] is not JsonValue pathValue || !pathValue.TryGetValue<string>(out var path)
            || path.Length is 0 or > JsonRuleCondition.MaxPathLength || path.Split('.').Length > JsonRuleCondition.MaxSegments)
        {
            throw new ArgumentException($"Each condition needs a path of 1 to {JsonRuleCondition.MaxPathLength} characters and at most {JsonRuleCondition.MaxSegments} segments.");
        }
        var operators = JsonRuleCondition.Operators.Where(condition.ContainsKey).ToList();
        if (operators.Count != 1)
        {
            throw new ArgumentException($"Condition on {path} needs exactly one of: {string.Join(", ", JsonRuleCondition.Operators)}.");
        }
        var name = operators[0];
        var operand = condition[name]?.DeepClone();
        Regex? pattern = null;
        switch (name)
        {
            case "in" or "notIn" when operand is not JsonArray:
                throw new ArgumentException($"{name} on {path} takes an array.");
            case "exists" when operand is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False):
                throw new ArgumentException($"exists on {path} takes true or false.");
            case "greaterThan" or "lessThan" when operand is not JsonValue number || number.GetValueKind() != JsonValueKind.Number:
                throw new ArgumentException($"{name} on {path} takes a number.");
            case "matches":
                if (operand is not JsonValue text || !text.TryGetValue<string>(out var regex) || regex.Length > 256)
                {
                    throw new ArgumentException($"matches on {path} takes a regular expression of at most 256 characters.");
                }
                try
                {
                    pattern = new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RegexTimeout);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException)
                {
                    throw new ArgumentException($"matches on {path}: {e.Message}");
                }
                break;
        }
        return new JsonRuleCondition(path, name, operand, pattern);
    }
}

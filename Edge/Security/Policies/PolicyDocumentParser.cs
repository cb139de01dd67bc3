using System.Text.Json;

namespace OrleansGateway.Edge.Security.Policies;

/// <summary>
/// Reads IAM policy JSON into a <see cref="PolicyDocument"/>, strictly: element names are
/// case-sensitive and unknown ones are refused (a typo such as <c>"Condtion"</c> would otherwise
/// silently widen a policy), and every list is bounded because documents arrive from the network.
/// </summary>
internal static class PolicyDocumentParser
{
    /// <summary>The most statements one document may have.</summary>
    public const int MaxStatements = 100;

    /// <summary>The most entries one list (actions, resources, principals, condition values) may have.</summary>
    public const int MaxListEntries = 256;

    /// <summary>The most conditions (operator × key) one statement may have.</summary>
    public const int MaxConditions = 64;

    /// <summary>The deepest JSON nesting a policy needs is 6 (document/Statement/[]/Condition/operator/key list).</summary>
    public const int MaxDepth = 8;

    private static readonly string[] Versions = ["2012-10-17", "2008-10-17"];

    public static PolicyDocument Parse(string json, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > maxLength)
        {
            throw new PolicyDocumentException($"Policy document is {json.Length} characters long; the maximum is {maxLength}");
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new PolicyDocumentException("Policy document is empty");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            var reason = ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"it is nested deeper than {MaxDepth} levels"
                : $"{ex.Message}";
            throw new PolicyDocumentException($"Policy document is not valid JSON: {reason}", ex);
        }
        using (document)
        {
            return ReadDocument(document.RootElement);
        }
    }

    private static PolicyDocument ReadDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyDocumentException("Policy document must be a JSON object");
        }
        string? version = null;
        JsonElement? statements = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new PolicyDocumentException($"Duplicate field \"{property.Name}\" in policy document");
            }
            switch (property.Name)
            {
                case "Version":
                    version = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (version is null || Array.IndexOf(Versions, version) < 0)
                    {
                        throw new PolicyDocumentException($"Version must be \"2012-10-17\" or \"2008-10-17\", not {property.Value.GetRawText()}");
                    }
                    break;
                case "Id":
                    RequireString(property.Value, "Id");
                    break;
                case "Statement":
                    statements = property.Value;
                    break;
                default:
                    throw new PolicyDocumentException($"Unknown field \"{property.Name}\" in policy document (expected Version, Id, Statement)");
            }
        }
        if (statements is not { } list)
        {
            throw new PolicyDocumentException("Policy document has no Statement");
        }
        var compiled = new List<PolicyStatement>();
        if (list.ValueKind == JsonValueKind.Object)
        {
            compiled.Add(ReadStatement(list, "Statement"));
        }
        else if (list.ValueKind == JsonValueKind.Array)
        {
            // An empty list is accepted (API Gateway stores it); it matches nothing.
            var count = list.GetArrayLength();
            if (count > MaxStatements)
            {
                throw new PolicyDocumentException($"Policy document has {count} statements; the maximum is {MaxStatements}");
            }
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                compiled.Add(ReadStatement(item, $"Statement[{index++}]"));
            }
        }
        else
        {
            throw new PolicyDocumentException("Statement must be an object or an array of objects");
        }
        return new PolicyDocument(version, [.. compiled]);
    }

    private static PolicyStatement ReadStatement(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyDocumentException($"{where} must be an object");
        }
        string? sid = null;
        bool? isDeny = null;
        (PolicyPrincipal Value, bool Not)? principal = null;
        (WildcardPattern[] Value, bool Not)? actions = null;
        (WildcardPattern[] Value, bool Not)? resources = null;
        PolicyCondition[] conditions = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            var at = $"{where}.{name}";
            if (!seen.Add(name))
            {
                throw new PolicyDocumentException($"Duplicate field \"{name}\" in {where}");
            }
            switch (name)
            {
                case "Sid":
                    sid = RequireString(property.Value, at);
                    break;
                case "Effect":
                    var effect = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    isDeny = effect switch
                    {
                        "Allow" => false,
                        "Deny" => true,
                        _ => throw new PolicyDocumentException($"{at} must be \"Allow\" or \"Deny\", not {property.Value.GetRawText()}"),
                    };
                    break;
                case "Principal" or "NotPrincipal":
                    principal = principal is null
                        ? (PolicyPrincipal.Read(property.Value, at), name == "NotPrincipal")
                        : throw new PolicyDocumentException($"{where} has both Principal and NotPrincipal");
                    break;
                case "Action" or "NotAction":
                    actions = actions is null
                        ? (ReadActions(property.Value, at), name == "NotAction")
                        : throw new PolicyDocumentException($"{where} has both Action and NotAction");
                    break;
                case "Resource" or "NotResource":
                    resources = resources is null
                        ? ([.. ReadStrings(property.Value, at).Select(r => new WildcardPattern(r, ignoreCase: false))], name == "NotResource")
                        : throw new PolicyDocumentException($"{where} has both Resource and NotResource");
                    break;
                case "Condition":
                    conditions = ReadConditions(property.Value, at);
                    break;
                default:
                    throw new PolicyDocumentException(
                        $"Unknown field \"{name}\" in {where} (expected Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition)");
            }
        }
        return new PolicyStatement
        {
            Sid = sid,
            IsDeny = isDeny ?? throw new PolicyDocumentException($"{where} has no Effect"),
            Principal = principal?.Value,
            NotPrincipal = principal?.Not ?? false,
            Actions = actions?.Value ?? throw new PolicyDocumentException($"{where} has no Action or NotAction"),
            NotAction = actions.Value.Not,
            Resources = resources?.Value ?? throw new PolicyDocumentException($"{where} has no Resource or NotResource"),
            NotResource = resources.Value.Not,
            Conditions = conditions,
        };
    }

    private static WildcardPattern[] ReadActions(JsonElement element, string where)
    {
        var actions = ReadStrings(element, where);
        foreach (var action in actions)
        {
            var colon = action.IndexOf(':', StringComparison.Ordinal);
            if (action != "*" && (colon <= 0 || colon == action.Length - 1))
            {
                throw new PolicyDocumentException($"{where}: \"{action}\" is not \"*\" or \"service:action\"");
            }
        }
        return [.. actions.Select(a => new WildcardPattern(a, ignoreCase: true))];
    }

    private static PolicyCondition[] ReadConditions(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyDocumentException($"{where} must be an object of operators");
        }
        var conditions = new List<PolicyCondition>();
        foreach (var byOperator in element.EnumerateObject())
        {
            var at = $"{where}.{byOperator.Name}";
            var @operator = ConditionOperator.TryParse(byOperator.Name)
                ?? throw new PolicyDocumentException($"Unknown condition operator \"{byOperator.Name}\" in {where}");
            if (byOperator.Value.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyDocumentException($"{at} must be an object of condition keys");
            }
            foreach (var byKey in byOperator.Value.EnumerateObject())
            {
                if (byKey.Name.Length is 0 or > 256)
                {
                    throw new PolicyDocumentException($"{at}: a condition key must be 1-256 characters");
                }
                if (conditions.Count == MaxConditions)
                {
                    throw new PolicyDocumentException($"{where} has more than {MaxConditions} conditions");
                }
                var keyAt = $"{at}.{byKey.Name}";
                conditions.Add(new PolicyCondition(@operator, byKey.Name, ReadStrings(byKey.Value, keyAt, scalars: true), keyAt));
            }
        }
        return [.. conditions];
    }

    /// <summary>A string or a non-empty array of strings (condition values may also be numbers or booleans).</summary>
    internal static List<string> ReadStrings(JsonElement element, string where, bool scalars = false)
    {
        var values = new List<string>();
        if (element.ValueKind == JsonValueKind.Array)
        {
            var count = element.GetArrayLength();
            if (count == 0 || count > MaxListEntries)
            {
                throw new PolicyDocumentException($"{where} must list 1-{MaxListEntries} values, not {count}");
            }
            foreach (var item in element.EnumerateArray())
            {
                values.Add(ReadScalar(item, where, scalars));
            }
        }
        else
        {
            values.Add(ReadScalar(element, where, scalars));
        }
        return values;
    }

    private static string ReadScalar(JsonElement element, string where, bool scalars) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number when scalars => element.GetRawText(),
        JsonValueKind.True when scalars => "true",
        JsonValueKind.False when scalars => "false",
        _ => throw new PolicyDocumentException($"{where} must be a string or an array of strings, not {element.ValueKind.ToString().ToLowerInvariant()}"),
    };

    private static string RequireString(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new PolicyDocumentException($"{where} must be a string");
}

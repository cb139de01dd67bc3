using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Audit;
using OrleansGateway.Grains.Interfaces.ConfigHistory;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>
/// AWS Config's JSON 1.1 API (service <c>config</c>, target <c>StarlingDoveService.*</c>) on the
/// management listener, for the subset the gateway implements: GetResourceConfigHistory,
/// PutConfigRule, DescribeConfigRules, DeleteConfigRule, StartConfigRulesEvaluation,
/// GetComplianceDetailsByConfigRule and PutRemediationConfigurations.
/// </summary>
internal sealed class ConfigService(IGrainFactory grains, ConfigRuleEngine engine, AuditSettings settings) : IAwsJsonService
{
    private const int MaxNameLength = 128;

    public string SigningName => "config";

    public IReadOnlyList<string> TargetPrefixes { get; } = ["StarlingDoveService."];

    public string ContentType => "application/x-amz-json-1.1";

    private IConfigRulesGrain Rules => grains.GetGrain<IConfigRulesGrain>(IConfigRulesGrain.Key);

    public async Task<object> HandleAsync(string operation, JsonElement input, HttpContext context) => operation switch
    {
        "GetResourceConfigHistory" => await HistoryAsync(input),
        "PutConfigRule" => await PutRuleAsync(input),
        "DescribeConfigRules" => await DescribeRulesAsync(input),
        "DeleteConfigRule" => await DeleteRuleAsync(input),
        "StartConfigRulesEvaluation" => await StartEvaluationAsync(input),
        "GetComplianceDetailsByConfigRule" => await ComplianceAsync(input),
        "PutRemediationConfigurations" => await PutRemediationAsync(input),
        _ => throw new AwsJsonException("UnknownOperationException", $"Unknown operation {operation}"),
    };

    private async Task<object> HistoryAsync(JsonElement input)
    {
        var type = Required(input, "resourceType");
        var id = Required(input, "resourceId");
        var limit = Int(input, "limit", 10, 0, 100);
        if (limit == 0)
        {
            limit = 10;
        }
        var items = await grains.GetGrain<IConfigHistoryGrain>(IConfigHistoryGrain.KeyFor(type, id)).History(Time(input, "earlierTime"), Time(input, "laterTime"));
        if (items.Count == 0 && Time(input, "earlierTime") is null && Time(input, "laterTime") is null)
        {
            throw new AwsJsonException("ResourceNotDiscoveredException", $"Resource {id} of resourceType:{type} is unknown or has not been discovered");
        }
        var ordered = Text(input, "chronologicalOrder") == "Forward" ? items.Reverse().ToList() : items.ToList();
        var skip = Token(input);
        var page = ordered.Skip(skip).Take(limit).ToList();
        var result = new JsonObject
        {
            ["configurationItems"] = new JsonArray([.. page.Select(Item)]),
        };
        if (skip + page.Count < ordered.Count)
        {
            result["nextToken"] = EncodeToken(skip + page.Count);
        }
        return result;
    }

    private JsonObject Item(ConfigurationItem item)
    {
        var supplementary = new JsonObject();
        if (item.PreviousConfiguration is not null)
        {
            supplementary["PreviousConfiguration"] = item.PreviousConfiguration;
        }
        supplementary["EventName"] = item.EventName;
        supplementary["EventId"] = item.EventId;
        var node = new JsonObject
        {
            ["version"] = "1.3",
            ["accountId"] = settings.AccountId,
            ["configurationItemCaptureTime"] = item.CaptureTime.ToUnixTimeMilliseconds() / 1000.0,
            ["configurationItemStatus"] = item.Status,
            ["configurationStateId"] = item.StateId.ToString(CultureInfo.InvariantCulture),
            ["resourceType"] = item.ResourceType,
            ["resourceId"] = item.ResourceId,
            ["resourceName"] = item.ResourceId,
            ["supplementaryConfiguration"] = supplementary,
        };
        if (item.Configuration is not null)
        {
            node["configuration"] = item.Configuration;
        }
        return node;
    }

    private async Task<object> PutRuleAsync(JsonElement input)
    {
        if (!input.TryGetProperty("ConfigRule", out var rule) || rule.ValueKind != JsonValueKind.Object)
        {
            throw AwsJsonException.Validation("ConfigRule is required.");
        }
        var name = Name(rule);
        var source = rule.TryGetProperty("Source", out var s) && s.ValueKind == JsonValueKind.Object ? s : throw Invalid("Source is required.");
        var owner = Text(source, "Owner");
        string? identifier = null, policy = null;
        switch (owner)
        {
            case "AWS":
                identifier = Text(source, "SourceIdentifier");
                if (identifier is null || !BuiltInRules.ResourceTypes.ContainsKey(identifier))
                {
                    throw Invalid($"SourceIdentifier must be one of {string.Join(", ", BuiltInRules.ResourceTypes.Keys)}.");
                }
                break;
            case "CUSTOM_POLICY":
                var details = source.TryGetProperty("CustomPolicyDetails", out var d) && d.ValueKind == JsonValueKind.Object ? d : throw Invalid("CustomPolicyDetails is required.");
                if (Text(details, "PolicyRuntime") != JsonRule.Runtime)
                {
                    throw Invalid($"PolicyRuntime must be {JsonRule.Runtime}.");
                }
                policy = Text(details, "PolicyText") ?? throw Invalid("PolicyText is required.");
                try
                {
                    JsonRule.Parse(policy);
                }
                catch (ArgumentException e)
                {
                    throw Invalid(e.Message);
                }
                break;
            default:
                throw Invalid("Owner must be AWS or CUSTOM_POLICY.");
        }
        var parameters = Text(rule, "InputParameters");
        if (parameters is not null)
        {
            if (parameters.Length > 1024)
            {
                throw Invalid("InputParameters is longer than 1024 characters.");
            }
            try
            {
                _ = JsonNode.Parse(parameters) as JsonObject ?? throw Invalid("InputParameters must be a JSON object.");
            }
            catch (JsonException)
            {
                throw Invalid("InputParameters is not valid JSON.");
            }
        }
        var types = new List<string>();
        if (rule.TryGetProperty("Scope", out var scope) && scope.ValueKind == JsonValueKind.Object
            && scope.TryGetProperty("ComplianceResourceTypes", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            types.AddRange(list.EnumerateArray().Take(100).Select(t => t.GetString() ?? "").Where(t => t.Length is > 0 and <= 256));
        }
        var existing = (await Rules.List()).FirstOrDefault(r => r.Name == name);
        var stored = new ConfigRule(name, Text(rule, "Description"), owner!, identifier, policy, parameters, types, existing?.AutoRemediation);
        if (!await Rules.Put(stored))
        {
            throw new AwsJsonException("MaxNumberOfConfigRulesExceededException", $"At most {IConfigRulesGrain.MaxRules} rules.");
        }
        await engine.EvaluateAllAsync([name]);
        return new JsonObject();
    }

    private async Task<object> DescribeRulesAsync(JsonElement input)
    {
        var names = Names(input, "ConfigRuleNames");
        var rules = (await Rules.List()).Where(r => names.Count == 0 || names.Contains(r.Name)).ToList();
        var missing = names.FirstOrDefault(n => rules.All(r => r.Name != n));
        if (missing is not null)
        {
            throw new AwsJsonException("NoSuchConfigRuleException", $"The ConfigRule '{missing}' provided in the request is invalid. Please check the configRule name");
        }
        return new JsonObject { ["ConfigRules"] = new JsonArray([.. rules.Select(Describe)]) };
    }

    private JsonObject Describe(ConfigRule rule)
    {
        var source = new JsonObject { ["Owner"] = rule.Owner };
        if (rule.SourceIdentifier is not null)
        {
            source["SourceIdentifier"] = rule.SourceIdentifier;
        }
        if (rule.PolicyText is not null)
        {
            source["CustomPolicyDetails"] = new JsonObject { ["PolicyRuntime"] = JsonRule.Runtime, ["PolicyText"] = rule.PolicyText };
        }
        var node = new JsonObject
        {
            ["ConfigRuleName"] = rule.Name,
            ["ConfigRuleArn"] = $"arn:aws:config:us-east-1:{settings.AccountId}:config-rule/{rule.Name}",
            ["ConfigRuleId"] = rule.Name,
            ["Scope"] = new JsonObject { ["ComplianceResourceTypes"] = new JsonArray([.. ConfigRuleEngine.ScopeOf(rule).Select(t => (JsonNode)t)]) },
            ["Source"] = source,
            ["ConfigRuleState"] = "ACTIVE",
        };
        if (rule.Description is not null)
        {
            node["Description"] = rule.Description;
        }
        if (rule.InputParameters is not null)
        {
            node["InputParameters"] = rule.InputParameters;
        }
        return node;
    }

    private async Task<object> DeleteRuleAsync(JsonElement input)
    {
        var name = Name(input);
        return await Rules.Delete(name) ? new JsonObject() : throw NoSuchRule(name);
    }

    private async Task<object> StartEvaluationAsync(JsonElement input)
    {
        var names = Names(input, "ConfigRuleNames");
        var known = (await Rules.List()).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var missing = names.FirstOrDefault(n => !known.Contains(n));
        if (missing is not null)
        {
            throw NoSuchRule(missing);
        }
        // Evaluated before answering (AWS answers first and evaluates later), so a caller can read the results at once.
        await engine.EvaluateAllAsync(names);
        return new JsonObject();
    }

    private async Task<object> ComplianceAsync(JsonElement input)
    {
        var name = Name(input);
        var types = Names(input, "ComplianceTypes");
        var limit = Int(input, "Limit", 100, 0, 100);
        if (limit == 0)
        {
            limit = 100;
        }
        var evaluations = await Rules.Evaluations(name) ?? throw NoSuchRule(name);
        var matching = evaluations.Where(e => types.Count == 0 || types.Contains(e.ComplianceType)).ToList();
        var skip = Token(input);
        var page = matching.Skip(skip).Take(limit).ToList();
        var result = new JsonObject
        {
            ["EvaluationResults"] = new JsonArray([.. page.Select(e => (JsonNode)new JsonObject
            {
                ["EvaluationResultIdentifier"] = new JsonObject
                {
                    ["EvaluationResultQualifier"] = new JsonObject { ["ConfigRuleName"] = e.RuleName, ["ResourceType"] = e.ResourceType, ["ResourceId"] = e.ResourceId },
                    ["OrderingTimestamp"] = e.RecordedTime.ToUnixTimeMilliseconds() / 1000.0,
                },
                ["ComplianceType"] = e.ComplianceType,
                ["ResultRecordedTime"] = e.RecordedTime.ToUnixTimeMilliseconds() / 1000.0,
                ["ConfigRuleInvokedTime"] = e.RecordedTime.ToUnixTimeMilliseconds() / 1000.0,
                ["Annotation"] = e.Annotation,
            })]),
        };
        if (skip + page.Count < matching.Count)
        {
            result["NextToken"] = EncodeToken(skip + page.Count);
        }
        return result;
    }

    private async Task<object> PutRemediationAsync(JsonElement input)
    {
        if (!input.TryGetProperty("RemediationConfigurations", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > 25)
        {
            throw AwsJsonException.Validation("RemediationConfigurations must hold 1 to 25 items.");
        }
        var rules = (await Rules.List()).ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var item in list.EnumerateArray())
        {
            var name = Name(item);
            if (!rules.TryGetValue(name, out var rule))
            {
                throw NoSuchRule(name);
            }
            var target = Text(item, "TargetId");
            if (target is null || !ConfigRemediation.Targets.Contains(target))
            {
                throw Invalid($"TargetId must be one of {string.Join(", ", ConfigRemediation.Targets)}.");
            }
            var automatic = item.TryGetProperty("Automatic", out var a) && a.ValueKind == JsonValueKind.True;
            await Rules.Put(rule with { AutoRemediation = automatic ? target : null });
        }
        return new JsonObject { ["FailedBatches"] = new JsonArray() };
    }

    private static string Name(JsonElement element)
    {
        var name = Text(element, "ConfigRuleName");
        return name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? name : throw Invalid($"ConfigRuleName must be 1 to {MaxNameLength} letters, digits, '-' or '_'.");
    }

    private static List<string> Names(JsonElement input, string property) =>
        input.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Take(100).Select(n => n.GetString() ?? "")]
            : [];

    private static string Required(JsonElement input, string name) =>
        Text(input, name) is { Length: > 0 and <= 768 } value ? value : throw AwsJsonException.Validation($"{name} is required.");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement input, string name, int fallback, int min, int max)
    {
        if (!input.TryGetProperty(name, out var value))
        {
            return fallback;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number : throw AwsJsonException.Validation($"{name} must be between {min} and {max}.");
    }

    private static DateTimeOffset? Time(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is >= 0 and < 32503680000
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null;

    private static int Token(JsonElement input)
    {
        if ((Text(input, "nextToken") ?? Text(input, "NextToken")) is not { } token)
        {
            return 0;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // answered below
        }
        throw new AwsJsonException("InvalidNextTokenException", "The specified next token is invalid.");
    }

    private static string EncodeToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static AwsJsonException Invalid(string message) => new("InvalidParameterValueException", message);

    private static AwsJsonException NoSuchRule(string name) =>
        new("NoSuchConfigRuleException", $"The ConfigRule '{name}' provided in the request is invalid. Please check the configRule name");
}

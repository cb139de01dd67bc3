using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Audit;
using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Edge.Management.Events;

/// <summary>
/// EventBridge's JSON 1.1 API (service <c>events</c>, target <c>AWSEvents.*</c>) on the management
/// listener, default bus only: PutRule (event patterns, no schedules), PutTargets (a target's
/// <c>Arn</c> is the webhook URL), RemoveTargets, DeleteRule, ListRules and ListTargetsByRule.
/// </summary>
internal sealed class EventBridgeService(IGrainFactory grains, EventPublisher publisher, AuditSettings settings) : IAwsJsonService
{
    public string SigningName => "events";

    public IReadOnlyList<string> TargetPrefixes { get; } = ["AWSEvents."];

    public string ContentType => "application/x-amz-json-1.1";

    private IEventRulesGrain Rules => grains.GetGrain<IEventRulesGrain>(IEventRulesGrain.Key);

    public async Task<object> HandleAsync(string operation, JsonElement input, HttpContext context)
    {
        switch (operation)
        {
            case "PutRule":
                return await PutRuleAsync(input);
            case "PutTargets":
                return await PutTargetsAsync(input);
            case "RemoveTargets":
                var rule = Name(input, "Rule");
                var ids = Strings(input, "Ids");
                if (!await Rules.RemoveTargets(rule, ids))
                {
                    throw NotFound(rule);
                }
                publisher.InvalidateRules();
                return new JsonObject { ["FailedEntryCount"] = 0, ["FailedEntries"] = new JsonArray() };
            case "DeleteRule":
                var name = Name(input, "Name");
                if (!await Rules.DeleteRule(name))
                {
                    var exists = (await Rules.List()).Any(r => r.Name == name);
                    // EventBridge answers success for a missing rule and refuses one that still has targets.
                    if (exists)
                    {
                        throw new AwsJsonException("ValidationException", "Rule can't be deleted since it has targets.");
                    }
                }
                publisher.InvalidateRules();
                return new JsonObject();
            case "ListRules":
                var prefix = Text(input, "NamePrefix");
                return new JsonObject
                {
                    ["Rules"] = new JsonArray([.. (await Rules.List()).Where(r => prefix is null || r.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(r => (JsonNode)new JsonObject
                    {
                        ["Name"] = r.Name,
                        ["Arn"] = Arn(r.Name),
                        ["EventPattern"] = r.Pattern,
                        ["State"] = r.Enabled ? "ENABLED" : "DISABLED",
                        ["Description"] = r.Description,
                        ["EventBusName"] = "default",
                    })]),
                };
            case "ListTargetsByRule":
                var ruleName = Name(input, "Rule");
                var found = (await Rules.List()).FirstOrDefault(r => r.Name == ruleName) ?? throw NotFound(ruleName);
                return new JsonObject
                {
                    ["Targets"] = new JsonArray([.. found.Targets.Select(t => (JsonNode)new JsonObject { ["Id"] = t.Key, ["Arn"] = t.Value })]),
                };
            default:
                throw new AwsJsonException("UnknownOperationException", $"Unknown operation {operation}");
        }
    }

    private async Task<object> PutRuleAsync(JsonElement input)
    {
        var name = Name(input, "Name");
        if (Text(input, "ScheduleExpression") is not null)
        {
            throw new AwsJsonException("ValidationException", "ScheduleExpression is not supported: rules match events by EventPattern.");
        }
        if (Text(input, "EventBusName") is { } bus && bus != "default")
        {
            throw new AwsJsonException("ResourceNotFoundException", $"Event bus {bus} does not exist.");
        }
        var pattern = Text(input, "EventPattern") ?? throw new AwsJsonException("ValidationException", "EventPattern is required.");
        try
        {
            EventPattern.Parse(pattern);
        }
        catch (ArgumentException e)
        {
            throw new AwsJsonException("InvalidEventPatternException", e.Message);
        }
        var state = Text(input, "State") ?? "ENABLED";
        if (state is not ("ENABLED" or "DISABLED"))
        {
            throw new AwsJsonException("ValidationException", "State must be ENABLED or DISABLED.");
        }
        if (!await Rules.PutRule(name, pattern, state == "ENABLED", Text(input, "Description")))
        {
            throw new AwsJsonException("LimitExceededException", $"At most {IEventRulesGrain.MaxRules} rules.");
        }
        publisher.InvalidateRules();
        return new JsonObject { ["RuleArn"] = Arn(name) };
    }

    private async Task<object> PutTargetsAsync(JsonElement input)
    {
        var rule = Name(input, "Rule");
        if (!input.TryGetProperty("Targets", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > IEventRulesGrain.MaxTargets)
        {
            throw new AwsJsonException("ValidationException", $"Targets must hold 1 to {IEventRulesGrain.MaxTargets} items.");
        }
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = new JsonArray();
        foreach (var target in list.EnumerateArray())
        {
            var id = Text(target, "Id");
            var url = Text(target, "Arn");
            if (id is not { Length: > 0 and <= 64 } || !WebhookUrl.IsValid(url))
            {
                failed.Add(new JsonObject { ["TargetId"] = id, ["ErrorCode"] = "ValidationException", ["ErrorMessage"] = "Arn must be an http or https webhook URL." });
                continue;
            }
            targets[id] = url!;
        }
        if (targets.Count > 0)
        {
            var result = await Rules.PutTargets(rule, targets);
            if (result is null)
            {
                throw NotFound(rule);
            }
            if (result == false)
            {
                throw new AwsJsonException("LimitExceededException", $"A rule has at most {IEventRulesGrain.MaxTargets} targets.");
            }
            publisher.InvalidateRules();
        }
        return new JsonObject { ["FailedEntryCount"] = failed.Count, ["FailedEntries"] = failed };
    }

    private string Arn(string rule) => $"arn:aws:events:us-east-1:{settings.AccountId}:rule/{rule}";

    private static string Name(JsonElement input, string property) =>
        Text(input, property) is { Length: > 0 and <= 64 } name && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? name : throw new AwsJsonException("ValidationException", $"{property} must be 1 to 64 letters, digits, '.', '-' or '_'.");

    private static List<string> Strings(JsonElement input, string property) =>
        input.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Take(100).Select(s => s.GetString() ?? "")]
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AwsJsonException NotFound(string rule) => new("ResourceNotFoundException", $"Rule {rule} does not exist on EventBus default.");
}

using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Audit;
using OrleansGateway.Edge.Management.Events;
using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Edge.Management.Alarms;

/// <summary>
/// CloudWatch's JSON 1.0 API (service <c>monitoring</c>, target <c>GraniteServiceVersion20100801.*</c>)
/// on the management listener: PutMetricAlarm, PutCompositeAlarm, DescribeAlarms and DeleteAlarms over
/// the gateway's own metrics (namespace <c>AWS/ApiGateway</c>). Alarm actions are webhook URLs.
/// </summary>
internal sealed class CloudWatchService(IGrainFactory grains, AuditSettings settings) : IAwsJsonService
{
    private static readonly string[] Metrics = ["Count", "4XXError", "5XXError", "Latency"];
    private static readonly string[] Statistics = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];
    private static readonly string[] Comparisons = ["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"];
    private static readonly string[] MissingData = ["missing", "notBreaching", "breaching", "ignore"];

    public string SigningName => "monitoring";

    public IReadOnlyList<string> TargetPrefixes { get; } = ["GraniteServiceVersion20100801."];

    public string ContentType => "application/x-amz-json-1.0";

    private IAlarmsGrain Alarms => grains.GetGrain<IAlarmsGrain>(IAlarmsGrain.Key);

    public async Task<object> HandleAsync(string operation, JsonElement input, HttpContext context)
    {
        switch (operation)
        {
            case "PutMetricAlarm":
                var alarm = MetricAlarm(input);
                return await Alarms.PutMetricAlarm(alarm) ? new JsonObject() : throw LimitExceeded();
            case "PutCompositeAlarm":
                var composite = CompositeAlarm(input);
                return await Alarms.PutCompositeAlarm(composite) ? new JsonObject() : throw LimitExceeded();
            case "DeleteAlarms":
                await Alarms.DeleteAlarms(Strings(input, "AlarmNames", 100));
                return new JsonObject();
            case "DescribeAlarms":
                return Describe(await Alarms.Describe(), input);
            default:
                throw new AwsJsonException("UnknownOperationException", $"Unknown operation {operation}");
        }
    }

    private static MetricAlarmDefinition MetricAlarm(JsonElement input)
    {
        var name = Name(input);
        var metric = OneOf(input, "MetricName", Metrics);
        if (Text(input, "Namespace") != "AWS/ApiGateway")
        {
            throw Invalid("Namespace must be AWS/ApiGateway.");
        }
        var statistic = OneOf(input, "Statistic", Statistics);
        var period = Int(input, "Period");
        if (!(period is 10 or 30 || (period >= 60 && period % 60 == 0)))
        {
            throw Invalid("Period must be 10, 30 or a multiple of 60.");
        }
        var evaluationPeriods = Int(input, "EvaluationPeriods");
        if (evaluationPeriods < 1 || (long)evaluationPeriods * period > 3600)
        {
            throw Invalid("EvaluationPeriods must be at least 1 and cover at most one hour (Period × EvaluationPeriods ≤ 3600).");
        }
        var datapoints = input.TryGetProperty("DatapointsToAlarm", out _) ? Int(input, "DatapointsToAlarm") : evaluationPeriods;
        if (datapoints < 1 || datapoints > evaluationPeriods)
        {
            throw new AwsJsonException("InvalidParameterCombinationException", "DatapointsToAlarm must be between 1 and EvaluationPeriods.");
        }
        if (!input.TryGetProperty("Threshold", out var threshold) || threshold.ValueKind != JsonValueKind.Number)
        {
            throw Invalid("Threshold is required.");
        }
        var comparison = OneOf(input, "ComparisonOperator", Comparisons);
        var missing = Text(input, "TreatMissingData") ?? "missing";
        if (!MissingData.Contains(missing))
        {
            throw Invalid($"TreatMissingData must be one of {string.Join(", ", MissingData)}.");
        }
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.TryGetProperty("Dimensions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var dimension in list.EnumerateArray().Take(30))
            {
                var key = Text(dimension, "Name");
                var value = Text(dimension, "Value");
                if (key is not ("ApiName" or "ApiId" or "Stage") || value is not { Length: > 0 and <= 1024 })
                {
                    throw Invalid("Dimensions are ApiName (or ApiId) and Stage, with non-empty values.");
                }
                dimensions[key] = value;
            }
        }
        return new MetricAlarmDefinition(name, Text(input, "AlarmDescription"), metric, statistic, dimensions, period, evaluationPeriods, datapoints,
            threshold.GetDouble(), comparison, missing, Actions(input));
    }

    private static CompositeAlarmDefinition CompositeAlarm(JsonElement input)
    {
        var name = Name(input);
        var rule = Text(input, "AlarmRule") ?? throw Invalid("AlarmRule is required.");
        try
        {
            var expression = AlarmRuleExpression.Parse(rule);
            if (expression.References.Contains(name))
            {
                throw Invalid("A composite alarm cannot name itself in its AlarmRule.");
            }
        }
        catch (FormatException e)
        {
            throw Invalid(e.Message);
        }
        return new CompositeAlarmDefinition(name, Text(input, "AlarmDescription"), rule, Actions(input));
    }

    private static AlarmActions Actions(JsonElement input)
    {
        var enabled = !input.TryGetProperty("ActionsEnabled", out var flag) || flag.ValueKind != JsonValueKind.False;
        return new AlarmActions(enabled, Urls(input, "AlarmActions"), Urls(input, "OKActions"), Urls(input, "InsufficientDataActions"));
    }

    private static List<string> Urls(JsonElement input, string property)
    {
        var urls = Strings(input, property, 5);
        return urls.All(WebhookUrl.IsValid) ? urls : throw Invalid($"{property} must be http or https webhook URLs (at most 5, each at most {WebhookUrl.MaxLength} characters).");
    }

    private JsonObject Describe(AlarmsSnapshot snapshot, JsonElement input)
    {
        var names = Strings(input, "AlarmNames", 100);
        var prefix = Text(input, "AlarmNamePrefix");
        var stateValue = Text(input, "StateValue");
        var types = Strings(input, "AlarmTypes", 2);
        bool Wanted(string alarmName) =>
            (names.Count == 0 || names.Contains(alarmName)) && (prefix is null || alarmName.StartsWith(prefix, StringComparison.Ordinal))
            && (stateValue is null || snapshot.States.GetValueOrDefault(alarmName)?.Value == stateValue);
        var result = new JsonObject();
        if (types.Count == 0 || types.Contains("MetricAlarm"))
        {
            result["MetricAlarms"] = new JsonArray([.. snapshot.MetricAlarms.Where(a => Wanted(a.Name)).Select(a => (JsonNode)MetricAlarmView(a, snapshot.States))]);
        }
        if (types.Contains("CompositeAlarm"))
        {
            result["CompositeAlarms"] = new JsonArray([.. snapshot.CompositeAlarms.Where(a => Wanted(a.Name)).Select(a => (JsonNode)CompositeView(a, snapshot.States))]);
        }
        return result;
    }

    private JsonObject MetricAlarmView(MetricAlarmDefinition alarm, IReadOnlyDictionary<string, AlarmState> states)
    {
        var view = Common(alarm.Name, alarm.Description, alarm.Actions, states);
        view["MetricName"] = alarm.MetricName;
        view["Namespace"] = "AWS/ApiGateway";
        view["Statistic"] = alarm.Statistic;
        view["Dimensions"] = new JsonArray([.. alarm.Dimensions.Select(d => (JsonNode)new JsonObject { ["Name"] = d.Key, ["Value"] = d.Value })]);
        view["Period"] = alarm.Period;
        view["EvaluationPeriods"] = alarm.EvaluationPeriods;
        view["DatapointsToAlarm"] = alarm.DatapointsToAlarm;
        view["Threshold"] = alarm.Threshold;
        view["ComparisonOperator"] = alarm.ComparisonOperator;
        view["TreatMissingData"] = alarm.TreatMissingData;
        return view;
    }

    private JsonObject CompositeView(CompositeAlarmDefinition alarm, IReadOnlyDictionary<string, AlarmState> states)
    {
        var view = Common(alarm.Name, alarm.Description, alarm.Actions, states);
        view["AlarmRule"] = alarm.Rule;
        return view;
    }

    private JsonObject Common(string name, string? description, AlarmActions actions, IReadOnlyDictionary<string, AlarmState> states)
    {
        var state = states.GetValueOrDefault(name) ?? new AlarmState(AlarmStateValues.InsufficientData, "Unchecked", DateTimeOffset.UnixEpoch);
        var view = new JsonObject
        {
            ["AlarmName"] = name,
            ["AlarmArn"] = $"arn:aws:cloudwatch:us-east-1:{settings.AccountId}:alarm:{name}",
            ["ActionsEnabled"] = actions.Enabled,
            ["AlarmActions"] = new JsonArray([.. actions.OnAlarm.Select(a => (JsonNode)a)]),
            ["OKActions"] = new JsonArray([.. actions.OnOk.Select(a => (JsonNode)a)]),
            ["InsufficientDataActions"] = new JsonArray([.. actions.OnInsufficientData.Select(a => (JsonNode)a)]),
            ["StateValue"] = state.Value,
            ["StateReason"] = state.Reason,
            ["StateUpdatedTimestamp"] = state.UpdatedAt.ToUnixTimeMilliseconds() / 1000.0,
        };
        if (description is not null)
        {
            view["AlarmDescription"] = description;
        }
        return view;
    }

    private static string Name(JsonElement input) =>
        Text(input, "AlarmName") is { Length: > 0 and <= 255 } name && !name.Any(char.IsControl) ? name : throw Invalid("AlarmName must be 1 to 255 characters.");

    private static string OneOf(JsonElement input, string property, string[] allowed) =>
        Text(input, property) is { } value && allowed.Contains(value) ? value : throw Invalid($"{property} must be one of {string.Join(", ", allowed)}.");

    private static int Int(JsonElement input, string property) =>
        input.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number : throw Invalid($"{property} must be an integer.");

    private static List<string> Strings(JsonElement input, string property, int max)
    {
        if (!input.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        if (list.GetArrayLength() > max)
        {
            throw Invalid($"{property} has more than {max} items.");
        }
        return [.. list.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : throw Invalid($"{property} holds strings."))];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AwsJsonException Invalid(string message) => new("InvalidParameterValueException", message);

    private static AwsJsonException LimitExceeded() => new("LimitExceededException", $"At most {IAlarmsGrain.MaxAlarms} alarms.");
}

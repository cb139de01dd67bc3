using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>A validated LookupEvents request.</summary>
internal sealed record LookupEventsQuery(string? AttributeKey, string? AttributeValue, DateTimeOffset? StartTime, DateTimeOffset? EndTime, int MaxResults, long? StartPosition)
{
    private static readonly HashSet<string> AttributeKeys =
        ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"];

    public static LookupEventsQuery Read(JsonElement input)
    {
        string? key = null, value = null;
        if (input.TryGetProperty("LookupAttributes", out var attributes) && attributes.ValueKind == JsonValueKind.Array)
        {
            if (attributes.GetArrayLength() > 1)
            {
                throw new AwsJsonException("InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.");
            }
            foreach (var attribute in attributes.EnumerateArray())
            {
                key = String(attribute, "AttributeKey");
                value = String(attribute, "AttributeValue");
                if (key is null || !AttributeKeys.Contains(key) || string.IsNullOrEmpty(value) || value.Length > 2000)
                {
                    throw new AwsJsonException("InvalidLookupAttributesException", "Lookup attribute key or value is not valid.");
                }
            }
        }
        var start = Time(input, "StartTime");
        var end = Time(input, "EndTime");
        if (start > end)
        {
            throw new AwsJsonException("InvalidTimeRangeException", "Start time must be before end time.");
        }
        var max = 50;
        if (input.TryGetProperty("MaxResults", out var maxResults))
        {
            if (maxResults.ValueKind != JsonValueKind.Number || !maxResults.TryGetInt32(out max) || max is < 1 or > 50)
            {
                throw new AwsJsonException("InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
            }
        }
        long? position = null;
        if (String(input, "NextToken") is { } token)
        {
            position = DecodeToken(token);
        }
        return new LookupEventsQuery(key, value, start, end, max, position);
    }

    public bool Matches(AuditRecordLine record)
    {
        if ((StartTime is { } start && record.EventTime < start) || (EndTime is { } end && record.EventTime > end))
        {
            return false;
        }
        return AttributeKey switch
        {
            null => true,
            "EventId" => record.EventId == AttributeValue,
            "EventName" => record.EventName == AttributeValue,
            "ReadOnly" => string.Equals(record.ReadOnly ? "true" : "false", AttributeValue, StringComparison.OrdinalIgnoreCase),
            "Username" => record.UserName == AttributeValue,
            "EventSource" => record.EventSource == AttributeValue,
            "AccessKeyId" => record.AccessKeyId == AttributeValue,
            "ResourceType" => record.Resources.Any(r => r.Type == AttributeValue),
            "ResourceName" => record.Resources.Any(r => r.Name == AttributeValue),
            _ => false,
        };
    }

    public static string EncodeToken(long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("p:" + position.ToString(CultureInfo.InvariantCulture)));

    private static long DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("p:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return position;
            }
        }
        catch (FormatException)
        {
            // answered below
        }
        throw new AwsJsonException("InvalidNextTokenException", "Invalid NextToken.");
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement input, string name)
    {
        if (!input.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is >= 0 and < 32503680000)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }
        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }
        throw new AwsJsonException("InvalidTimeRangeException", $"{name} is not a valid time.");
    }
}

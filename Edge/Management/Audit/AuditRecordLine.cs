using System.Globalization;
using System.Text.Json;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>A stored record, <c>{hash} {body}</c>, with the fields lookups and verification read from its body.</summary>
public sealed record AuditRecordLine
{
    /// <summary>The hash stored with the record.</summary>
    public required string Hash { get; init; }

    /// <summary>The canonical body (CloudTrail event JSON).</summary>
    public required string Body { get; init; }

    /// <summary>The sequence number the body claims.</summary>
    public required long Sequence { get; init; }

    /// <summary>The previous record's hash the body claims.</summary>
    public required string PreviousHash { get; init; }

    /// <summary>The event id.</summary>
    public required string EventId { get; init; }

    /// <summary>The operation name.</summary>
    public required string EventName { get; init; }

    /// <summary>The event time.</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>The service.</summary>
    public required string EventSource { get; init; }

    /// <summary>Whether the call only read.</summary>
    public required bool ReadOnly { get; init; }

    /// <summary>The signer's access key id.</summary>
    public required string AccessKeyId { get; init; }

    /// <summary>The signer's user name.</summary>
    public required string UserName { get; init; }

    /// <summary>The resources the call acted on.</summary>
    public required IReadOnlyList<AuditResource> Resources { get; init; }

    /// <summary>The stored text of a record.</summary>
    public static string Format(string hash, string body) => hash + " " + body;

    /// <summary>Reads a stored line; null when it is not a well-formed record.</summary>
    public static AuditRecordLine? TryParse(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space != 64)
        {
            return null;
        }
        var body = line[(space + 1)..];
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var chain = root.GetProperty("additionalEventData");
            var identity = root.GetProperty("userIdentity");
            var resources = new List<AuditResource>();
            if (root.TryGetProperty("resources", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    resources.Add(new AuditResource(item.GetProperty("type").GetString() ?? "", item.GetProperty("name").GetString() ?? ""));
                }
            }
            return new AuditRecordLine
            {
                Hash = line[..space],
                Body = body,
                Sequence = chain.GetProperty("sequence").GetInt64(),
                PreviousHash = chain.GetProperty("previousHash").GetString() ?? "",
                EventId = root.GetProperty("eventID").GetString() ?? "",
                EventName = root.GetProperty("eventName").GetString() ?? "",
                EventTime = DateTimeOffset.Parse(root.GetProperty("eventTime").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                EventSource = root.GetProperty("eventSource").GetString() ?? "",
                ReadOnly = root.GetProperty("readOnly").GetBoolean(),
                AccessKeyId = identity.GetProperty("accessKeyId").GetString() ?? "",
                UserName = identity.GetProperty("userName").GetString() ?? "",
                Resources = resources,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

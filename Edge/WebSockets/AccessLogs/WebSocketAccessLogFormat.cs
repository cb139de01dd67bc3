using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.WebSockets.AccessLogs;

/// <summary>
/// A WebSocket stage's access-log format, compiled once per config with the REST side's variable
/// parser: the <c>$context</c> variables API Gateway defines for WebSocket APIs (connectionId,
/// eventType, routeKey, messageId, status, ...). Unknown variables stay literal; missing values render <c>-</c>.
/// </summary>
internal sealed class WebSocketAccessLogFormat
{
    private const string Missing = "-";

    /// <summary>The variables a WebSocket line can carry (besides <c>authorizer.*</c> context keys).</summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "requestId", "extendedRequestId", "apiId", "stage", "domainName", "connectionId", "connectedAt", "eventType", "routeKey",
        "messageId", "messageDirection", "status", "requestTime", "requestTimeEpoch", "integrationLatency", "error.message",
        "error.messageString", "identity.sourceIp", "identity.userAgent", "identity.apiKeyId", "authorizer.principalId",
    };

    private readonly (string? Literal, string? Variable)[] _parts;

    private WebSocketAccessLogFormat((string?, string?)[] parts) => _parts = parts;

    /// <summary>Compiles <paramref name="format"/>.</summary>
    public static WebSocketAccessLogFormat Parse(string format)
    {
        var parts = new List<(string?, string?)>();
        var position = 0;
        foreach (var variable in AccessLogVariables.Parse(format))
        {
            if (!Known.Contains(variable.Name) && !variable.Name.StartsWith(AccessLogVariables.AuthorizerPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (variable.Start > position)
            {
                parts.Add((OneLine(format[position..variable.Start]), null));
            }
            parts.Add((null, variable.Name));
            position = variable.Start + variable.Length;
        }
        if (position < format.Length)
        {
            parts.Add((OneLine(format[position..]), null));
        }
        return new WebSocketAccessLogFormat([.. parts]);
    }

    /// <summary>Renders one line (control characters in values become spaces, so a line stays one line).</summary>
    public string Render(WebSocketAccessLogEntry entry)
    {
        var line = new StringBuilder(128);
        Dictionary<string, string>? authorizer = null;
        foreach (var (literal, variable) in _parts)
        {
            if (literal is not null)
            {
                line.Append(literal);
                continue;
            }
            var value = Value(variable!, entry, ref authorizer);
            if (string.IsNullOrEmpty(value))
            {
                line.Append(Missing);
                continue;
            }
            foreach (var c in value)
            {
                line.Append(char.IsControl(c) ? ' ' : c);
            }
        }
        return line.ToString();
    }

    private static string? Value(string name, WebSocketAccessLogEntry entry, ref Dictionary<string, string>? authorizer)
    {
        var info = entry.Connection;
        return name switch
        {
            "requestId" or "extendedRequestId" => entry.RequestId,
            "apiId" => info.ApiId,
            "stage" => info.Stage,
            "domainName" => info.DomainName,
            "connectionId" => info.ConnectionId,
            "connectedAt" => info.ConnectedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "eventType" => entry.EventType,
            "routeKey" => entry.RouteKey,
            "messageId" => entry.MessageId,
            "messageDirection" => "IN",
            "status" => entry.Status.ToString(CultureInfo.InvariantCulture),
            "requestTime" => entry.RequestTime.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
            "requestTimeEpoch" => entry.RequestTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "integrationLatency" => entry.IntegrationLatencyMilliseconds?.ToString(CultureInfo.InvariantCulture),
            "error.message" => entry.ErrorMessage,
            "error.messageString" => entry.ErrorMessage is null ? null : JsonSerializer.Serialize(entry.ErrorMessage),
            "identity.sourceIp" => info.SourceIp,
            "identity.userAgent" => info.UserAgent,
            "identity.apiKeyId" => entry.ApiKeyId,
            _ when name.StartsWith(AccessLogVariables.AuthorizerPrefix, StringComparison.Ordinal) =>
                (authorizer ??= AuthorizerValues(entry.AuthorizerContextJson)).GetValueOrDefault(name[AccessLogVariables.AuthorizerPrefix.Length..]),
            _ => null,
        };
    }

    /// <summary>The authorizer's principal and context as flat strings; parsed only for lines whose format names one.</summary>
    private static Dictionary<string, string> AuthorizerValues(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json is null)
        {
            return values;
        }
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }
        return values;
    }

    private static string OneLine(string literal) =>
        literal.Any(char.IsControl) ? string.Concat(literal.Select(c => char.IsControl(c) ? ' ' : c)) : literal;
}

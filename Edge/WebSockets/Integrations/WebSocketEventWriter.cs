using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OrleansGateway.Edge.WebSockets.Integrations;

/// <summary>
/// Writes the event an HTTP integration receives, in the shape of API Gateway's WebSocket proxy
/// event (<c>requestContext</c>, <c>body</c>, <c>isBase64Encoded</c>; <c>headers</c> and
/// <c>queryStringParameters</c> on CONNECT), so a backend written for Lambda reads it unchanged.
/// </summary>
internal static class WebSocketEventWriter
{
    /// <summary>Writes <paramref name="e"/> as JSON into <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, WebSocketEvent e, long requestTimeEpochMs)
    {
        using var json = new Utf8JsonWriter(output);
        var c = e.Connection;
        json.WriteStartObject();
        json.WriteStartObject("requestContext");
        json.WriteString("routeKey", e.RouteKey);
        json.WriteString("eventType", e.EventType);
        if (e.MessageId is not null)
        {
            json.WriteString("messageId", e.MessageId);
        }
        json.WriteString("extendedRequestId", e.RequestId);
        json.WriteString("requestId", e.RequestId);
        json.WriteString("messageDirection", "IN");
        json.WriteString("stage", c.Stage);
        json.WriteNumber("connectedAt", c.ConnectedAt.ToUnixTimeMilliseconds());
        json.WriteNumber("requestTimeEpoch", requestTimeEpochMs);
        json.WriteString("domainName", c.DomainName);
        json.WriteString("connectionId", c.ConnectionId);
        json.WriteString("apiId", c.ApiId);
        json.WriteStartObject("identity");
        json.WriteString("sourceIp", c.SourceIp);
        if (c.UserAgent is not null)
        {
            json.WriteString("userAgent", c.UserAgent);
        }
        json.WriteEndObject();
        if (e.AuthorizerContextJson is not null)
        {
            json.WritePropertyName("authorizer");
            json.WriteRawValue(e.AuthorizerContextJson, skipInputValidation: true);
        }
        if (e.DisconnectStatusCode is { } code)
        {
            json.WriteNumber("disconnectStatusCode", code);
            json.WriteString("disconnectReason", e.DisconnectReason ?? string.Empty);
        }
        json.WriteEndObject();
        if (e.Headers is not null)
        {
            json.WriteStartObject("headers");
            foreach (var header in e.Headers)
            {
                json.WriteString(header.Key, header.Value.ToString());
            }
            json.WriteEndObject();
        }
        if (e.Query is { Count: > 0 })
        {
            json.WriteStartObject("queryStringParameters");
            foreach (var parameter in e.Query)
            {
                json.WriteString(parameter.Key, parameter.Value.ToString());
            }
            json.WriteEndObject();
        }
        if (e.EventType == "MESSAGE")
        {
            // Text frames are UTF-8 already (the receive loop refuses binary frames).
            json.WriteString("body", Encoding.UTF8.GetString(e.Body.Span));
        }
        json.WriteBoolean("isBase64Encoded", false);
        json.WriteEndObject();
    }
}

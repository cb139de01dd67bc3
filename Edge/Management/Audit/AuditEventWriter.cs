using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Writes a record's canonical body: CloudTrail's event JSON (the same text LookupEvents returns as
/// <c>CloudTrailEvent</c>) plus the chain fields in <c>additionalEventData</c>. Written once, then
/// hashed and stored as text, so verification never depends on re-serializing it the same way.
/// </summary>
internal static class AuditEventWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ManagementCall call, string accountId, long sequence, string previousHash)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("eventVersion", "1.08");
            writer.WriteStartObject("userIdentity");
            writer.WriteString("type", call.IdentityType);
            if (call.IdentityType == "IAMUser")
            {
                writer.WriteString("principalId", call.AccessKeyId);
                writer.WriteString("arn", $"arn:aws:iam::{accountId}:user/{call.UserName}");
            }
            writer.WriteString("accountId", accountId);
            writer.WriteString("accessKeyId", call.AccessKeyId);
            writer.WriteString("userName", call.UserName);
            writer.WriteEndObject();
            writer.WriteString("eventTime", call.EventTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("eventSource", call.EventSource);
            writer.WriteString("eventName", call.EventName);
            writer.WriteString("awsRegion", call.Region);
            writer.WriteString("sourceIPAddress", call.SourceIpAddress);
            writer.WriteString("userAgent", call.UserAgent);
            writer.WritePropertyName("requestParameters");
            if (call.RequestParameters is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                call.RequestParameters.WriteTo(writer);
            }
            writer.WriteNull("responseElements");
            if (call.ErrorCode is not null)
            {
                writer.WriteString("errorCode", call.ErrorCode);
            }
            writer.WriteNumber("httpStatus", call.StatusCode);
            writer.WriteString("requestID", call.RequestId);
            writer.WriteString("eventID", call.EventId.ToString());
            writer.WriteBoolean("readOnly", call.ReadOnly);
            writer.WriteStartArray("resources");
            foreach (var resource in call.Resources)
            {
                writer.WriteStartObject();
                writer.WriteString("type", resource.Type);
                writer.WriteString("name", resource.Name);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteString("eventType", "AwsApiCall");
            writer.WriteBoolean("managementEvent", true);
            writer.WriteString("recipientAccountId", accountId);
            writer.WriteStartObject("additionalEventData");
            writer.WriteNumber("sequence", sequence);
            writer.WriteString("previousHash", previousHash);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}

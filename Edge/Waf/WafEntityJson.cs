using System.Buffers;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Waf;

/// <summary>A stored entity as the WAFv2 object the rule compiler reads (<c>Name</c>, <c>Id</c>, <c>ARN</c>, then its own members).</summary>
internal static class WafEntityJson
{
    /// <summary>The entity's JSON; the caller disposes the document.</summary>
    public static JsonDocument ToDocument(WafEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return ToDocument(entity.Name, entity.Id, entity.Arn, entity.Body);
    }

    /// <summary>The JSON of an entity with these common members and this stored body.</summary>
    public static JsonDocument ToDocument(string name, string id, string arn, string body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("Name", name);
            writer.WriteString("Id", id);
            writer.WriteString("ARN", arn);
            using (var stored = JsonDocument.Parse(body))
            {
                foreach (var member in stored.RootElement.EnumerateObject())
                {
                    member.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory);
    }
}

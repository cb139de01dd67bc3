using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>Writes stored entities in WAFv2's shapes: the full entity and its summary.</summary>
internal static class WafEntityWriter
{
    /// <summary>The entity (<c>WebACL</c>, <c>IPSet</c>, …): its common members, its stored body, then what WAF computes.</summary>
    public static void WriteEntity(Utf8JsonWriter writer, WafEntity entity, WafEntityShape shape, WafArns arns)
    {
        writer.WriteStartObject();
        writer.WriteString("Name", entity.Name);
        writer.WriteString("Id", entity.Id);
        writer.WriteString("ARN", entity.Arn);
        if (entity.Description is not null)
        {
            writer.WriteString("Description", entity.Description);
        }
        using (var body = JsonDocument.Parse(entity.Body))
        {
            foreach (var member in body.RootElement.EnumerateObject())
            {
                member.WriteTo(writer);
            }
        }
        shape.WriteComputed(writer, entity, arns);
        writer.WriteEndObject();
    }

    /// <summary>The summary Create and List return.</summary>
    public static void WriteSummary(Utf8JsonWriter writer, WafEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("Name", entity.Name);
        writer.WriteString("Id", entity.Id);
        if (entity.Description is not null)
        {
            writer.WriteString("Description", entity.Description);
        }
        writer.WriteString("LockToken", entity.LockToken);
        writer.WriteString("ARN", entity.Arn);
        writer.WriteEndObject();
    }
}

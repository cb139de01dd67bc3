using System.Buffers;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>
/// What differs between the four managed kinds: their names on the wire, the members of their own
/// that a create or update carries, how those are checked, and the members WAF adds when it
/// returns one.
/// </summary>
internal abstract class WafEntityShape
{
    /// <summary>The kind.</summary>
    public abstract WafEntityKind Kind { get; }

    /// <summary>The noun in operation names and responses (<c>WebACL</c>, <c>IPSet</c>, …).</summary>
    public abstract string Noun { get; }

    /// <summary>The member of List responses (<c>WebACLs</c>, <c>IPSets</c>, …).</summary>
    public string Plural => Noun + "s";

    /// <summary>The Field WAF names in parameter errors about this kind.</summary>
    public abstract string Field { get; }

    /// <summary>The kind's own members a create carries (besides Name, Scope, Description, Tags).</summary>
    protected abstract IReadOnlyList<string> CreateMembers { get; }

    /// <summary>The kind's own members an update carries (besides Name, Scope, Id, LockToken, Description).</summary>
    protected abstract IReadOnlyList<string> UpdateMembers { get; }

    /// <summary>Builds the draft of a create (<paramref name="current"/> null) or an update; throws WafException for invalid input.</summary>
    public WafEntityDraft Draft(WafInput input, WafEntity? current, WafDraftContext context)
    {
        var body = CopyMembers(input, current is null ? CreateMembers : UpdateMembers, current);
        using var document = JsonDocument.Parse(body);
        var (references, capacity) = Check(document.RootElement, current, context);
        return new WafEntityDraft(Kind, input.Name(Field), input.Description(Field), body, references, capacity);
    }

    /// <summary>Checks the kind's own members (the stored body); returns referenced ARNs and capacity.</summary>
    protected abstract (IReadOnlyList<string> References, long Capacity) Check(JsonElement body, WafEntity? current, WafDraftContext context);

    /// <summary>Members kept from the current entity on update (an IP set's address version, a rule group's capacity).</summary>
    protected virtual IReadOnlyList<string> KeptOnUpdate => [];

    /// <summary>Writes members WAF adds to the returned entity (capacity, label namespace, …).</summary>
    public virtual void WriteComputed(Utf8JsonWriter writer, WafEntity entity, WafArns arns)
    {
    }

    private string CopyMembers(WafInput input, IReadOnlyList<string> members, WafEntity? current)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in members)
            {
                if (input.Member(member) is { } value)
                {
                    writer.WritePropertyName(member);
                    value.WriteTo(writer);
                }
            }
            if (current is not null)
            {
                using var stored = JsonDocument.Parse(current.Body);
                foreach (var member in KeptOnUpdate)
                {
                    if (stored.RootElement.TryGetProperty(member, out var value))
                    {
                        writer.WritePropertyName(member);
                        value.WriteTo(writer);
                    }
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Requires an object member (VisibilityConfig, DefaultAction).</summary>
    protected JsonElement RequireObject(JsonElement body, string member, string field) =>
        body.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw WafException.InvalidParameter(field, null, $"{member} is required");
}

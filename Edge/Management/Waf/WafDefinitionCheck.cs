using System.Buffers;
using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Edge.Waf;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>
/// Runs every draft through the rule engine's compiler, so what the data plane could not enforce
/// is refused at the management call with WAFInvalidParameterException naming the rule and field.
/// IP sets, regex pattern sets and rule groups are compiled inside a one-rule probe web ACL that
/// references the draft in place of the stored entity.
/// </summary>
internal sealed class WafDefinitionCheck(WafCompileOptions options)
{
    private const string ProbeId = "00000000-0000-0000-0000-000000000000";

    /// <summary>Throws WAFInvalidParameterException if the engine rejects the draft.</summary>
    public void Check(WafEntityDraft draft, WafDraftContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        var stored = new WafReferenceIndex(context.Directory.Entities);
        var draftArn = $"{context.Arns.EntityPrefix}/{Grains.Waf.WafDirectoryGrain.ArnSegment(draft.Kind)}/{draft.Name}/{ProbeId}";
        using var body = JsonDocument.Parse(draft.Body);
        var references = new DraftReferences(stored, draftArn, draft.Kind, body.RootElement);
        var (webAclBody, field) = draft.Kind switch
        {
            WafEntityKind.WebAcl => (draft.Body, "RULE"),
            WafEntityKind.RuleGroup => (Probe("RuleGroupReferenceStatement", draftArn), "RULE"),
            WafEntityKind.RegexPatternSet => (Probe("RegexPatternSetReferenceStatement", draftArn), "REGEX_PATTERN_SET"),
            _ => (Probe("IPSetReferenceStatement", draftArn), "IP_SET"),
        };
        try
        {
            using var webAcl = WafEntityJson.ToDocument(draft.Name, ProbeId, draftArn, webAclBody);
            WebAclCompiler.Compile(webAcl.RootElement, references, options);
        }
        catch (WafDefinitionException exception)
        {
            throw WafException.InvalidParameter(field, draft.Name, exception.Message);
        }
    }

    /// <summary>A web ACL body whose only rule references <paramref name="arn"/> through <paramref name="statement"/>.</summary>
    private static string Probe(string statement, string arn)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("DefaultAction");
            writer.WriteStartObject("Allow");
            writer.WriteEndObject();
            writer.WriteEndObject();
            WriteVisibility(writer);
            writer.WriteStartArray("Rules");
            writer.WriteStartObject();
            writer.WriteString("Name", "probe");
            writer.WriteNumber("Priority", 0);
            writer.WriteStartObject("Statement");
            writer.WriteStartObject(statement);
            writer.WriteString("ARN", arn);
            if (statement == "RegexPatternSetReferenceStatement")
            {
                writer.WriteStartObject("FieldToMatch");
                writer.WriteStartObject("UriPath");
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteStartArray("TextTransformations");
                writer.WriteStartObject();
                writer.WriteNumber("Priority", 0);
                writer.WriteString("Type", "NONE");
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
            // A rule group is referenced with OverrideAction; everything else takes Action.
            writer.WriteStartObject(statement == "RuleGroupReferenceStatement" ? "OverrideAction" : "Action");
            writer.WriteStartObject(statement == "RuleGroupReferenceStatement" ? "None" : "Block");
            writer.WriteEndObject();
            writer.WriteEndObject();
            WriteVisibility(writer);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteVisibility(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("VisibilityConfig");
        writer.WriteBoolean("SampledRequestsEnabled", false);
        writer.WriteBoolean("CloudWatchMetricsEnabled", false);
        writer.WriteString("MetricName", "probe");
        writer.WriteEndObject();
    }

    /// <summary>The stored entities, with the draft answering for its own (probe) ARN.</summary>
    private sealed class DraftReferences(WafReferenceIndex stored, string draftArn, WafEntityKind kind, JsonElement body) : IWafReferences
    {
        public IReadOnlyList<string>? IpSetAddresses(string arn) =>
            arn == draftArn && kind == WafEntityKind.IpSet ? Strings(body, "Addresses", item => item) : stored.IpSetAddresses(arn);

        public IReadOnlyList<string>? RegexPatterns(string arn) =>
            arn == draftArn && kind == WafEntityKind.RegexPatternSet ? Strings(body, "RegularExpressionList", item => item.GetProperty("RegexString")) : stored.RegexPatterns(arn);

        public JsonElement? RuleGroupRules(string arn) =>
            arn == draftArn && kind == WafEntityKind.RuleGroup
                ? body.TryGetProperty("Rules", out var rules) ? rules : JsonDocument.Parse("[]").RootElement.Clone()
                : stored.RuleGroupRules(arn);

        private static List<string> Strings(JsonElement root, string member, Func<JsonElement, JsonElement> select) =>
            root.TryGetProperty(member, out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Select(item => select(item).GetString() ?? string.Empty).ToList()
                : [];
    }
}

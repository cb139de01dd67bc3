using System.Collections.Frozen;
using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Waf;

/// <summary>
/// The contents of a snapshot's IP sets, regex pattern sets, rule groups and web ACLs, by ARN:
/// what the rule compiler resolves references through.
/// </summary>
public sealed class WafReferenceIndex : IWafReferences
{
    private static readonly JsonElement NoRules = JsonDocument.Parse("[]").RootElement.Clone();

    private readonly FrozenDictionary<string, IReadOnlyList<string>> _ipSetAddresses;
    private readonly FrozenDictionary<string, IReadOnlyList<string>> _regexPatterns;
    private readonly FrozenDictionary<string, JsonElement> _ruleGroupRules;
    private readonly FrozenDictionary<string, WafEntity> _webAcls;

    /// <summary>Indexes <paramref name="entities"/>.</summary>
    public WafReferenceIndex(IEnumerable<WafEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var ipSets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var regexSets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var ruleGroups = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var webAcls = new Dictionary<string, WafEntity>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            using var body = JsonDocument.Parse(entity.Body);
            var root = body.RootElement;
            switch (entity.Kind)
            {
                case WafEntityKind.IpSet:
                    ipSets[entity.Arn] = Strings(root, "Addresses", item => item);
                    break;
                case WafEntityKind.RegexPatternSet:
                    regexSets[entity.Arn] = Strings(root, "RegularExpressionList", item => item.GetProperty("RegexString"));
                    break;
                case WafEntityKind.RuleGroup:
                    // Clone: the element must outlive the document parsed here.
                    ruleGroups[entity.Arn] = root.TryGetProperty("Rules", out var rules) ? rules.Clone() : NoRules;
                    break;
                default:
                    webAcls[entity.Arn] = entity;
                    break;
            }
        }
        _ipSetAddresses = ipSets.ToFrozenDictionary(StringComparer.Ordinal);
        _regexPatterns = regexSets.ToFrozenDictionary(StringComparer.Ordinal);
        _ruleGroupRules = ruleGroups.ToFrozenDictionary(StringComparer.Ordinal);
        _webAcls = webAcls.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The addresses (CIDR blocks) of the IP set with this ARN, or null.</summary>
    public IReadOnlyList<string>? IpSetAddresses(string arn) => _ipSetAddresses.GetValueOrDefault(arn);

    /// <summary>The regular expressions of the regex pattern set with this ARN, or null.</summary>
    public IReadOnlyList<string>? RegexPatterns(string arn) => _regexPatterns.GetValueOrDefault(arn);

    /// <summary>The <c>Rules</c> array of the rule group with this ARN, or null.</summary>
    public JsonElement? RuleGroupRules(string arn) => _ruleGroupRules.TryGetValue(arn, out var rules) ? rules : null;

    /// <summary>The web ACL with this ARN, or null.</summary>
    public WafEntity? WebAcl(string arn) => _webAcls.GetValueOrDefault(arn);

    private static List<string> Strings(JsonElement root, string member, Func<JsonElement, JsonElement> select) =>
        root.TryGetProperty(member, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(item => select(item).GetString() ?? string.Empty).ToList()
            : [];
}

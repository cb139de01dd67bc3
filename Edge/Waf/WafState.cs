using System.Collections.Frozen;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Waf;

/// <summary>
/// One immutable view of the cluster's WAF entities and associations, indexed for the data plane:
/// requests read it through a single reference and never lock or call a grain.
/// </summary>
public sealed class WafState
{
    private readonly FrozenDictionary<string, IReadOnlyList<string>> _ipSetAddresses;
    private readonly FrozenDictionary<string, IReadOnlyList<string>> _regexPatterns;
    private readonly FrozenDictionary<string, JsonElement> _ruleGroupRules;
    private readonly FrozenDictionary<string, WafEntity> _webAcls;
    private readonly FrozenDictionary<string, string> _webAclArnByStage;

    private WafState(WafSnapshot snapshot)
    {
        Version = snapshot.Version;
        var ipSets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var regexSets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var ruleGroups = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var webAcls = new Dictionary<string, WafEntity>(StringComparer.Ordinal);
        foreach (var entity in snapshot.Entities)
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
                    ruleGroups[entity.Arn] = root.TryGetProperty("Rules", out var rules) ? rules.Clone() : JsonDocument.Parse("[]").RootElement.Clone();
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
        _webAclArnByStage = snapshot.Associations.ToFrozenDictionary(a => StageKey(a.RestApiId, a.StageName), a => a.WebAclArn, StringComparer.Ordinal);
        Associations = snapshot.Associations;
    }

    /// <summary>The state of an edge that has not synced yet: nothing is associated, so nothing is inspected.</summary>
    public static WafState Empty { get; } = new(WafSnapshot.Empty);

    /// <summary>The directory version this view was built from.</summary>
    public long Version { get; }

    /// <summary>Every stage association.</summary>
    public IReadOnlyList<WafAssociation> Associations { get; }

    /// <summary>Builds the view of a snapshot.</summary>
    public static WafState Build(WafSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new WafState(snapshot);
    }

    /// <summary>The addresses (CIDR blocks) of the IP set with this ARN, or null.</summary>
    public IReadOnlyList<string>? IpSetAddresses(string arn) => _ipSetAddresses.GetValueOrDefault(arn);

    /// <summary>The regular expressions of the regex pattern set with this ARN, or null.</summary>
    public IReadOnlyList<string>? RegexPatterns(string arn) => _regexPatterns.GetValueOrDefault(arn);

    /// <summary>The <c>Rules</c> array of the rule group with this ARN, or null.</summary>
    public JsonElement? RuleGroupRules(string arn) => _ruleGroupRules.TryGetValue(arn, out var rules) ? rules : null;

    /// <summary>The web ACL with this ARN, or null.</summary>
    public WafEntity? WebAcl(string arn) => _webAcls.GetValueOrDefault(arn);

    /// <summary>The ARN of the web ACL protecting a stage, or null.</summary>
    public string? WebAclArnFor(string restApiId, string stageName) => _webAclArnByStage.GetValueOrDefault(StageKey(restApiId, stageName));

    private static string StageKey(string restApiId, string stageName) => $"{restApiId}/{stageName}";

    private static List<string> Strings(JsonElement root, string member, Func<JsonElement, JsonElement> select) =>
        root.TryGetProperty(member, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(item => select(item).GetString() ?? string.Empty).ToList()
            : [];
}

using System.Text;
using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Waf.Fields;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;
using OrleansGateway.Edge.DataPlane.Waf.Managed;
using OrleansGateway.Edge.DataPlane.Waf.Statements;
using OrleansGateway.Edge.DataPlane.Waf.Transformations;

namespace OrleansGateway.Edge.DataPlane.Waf.Compilation;

/// <summary>
/// One compilation of a web ACL: rules and actions here, statements and fields in the other part.
/// Holds the slot table that gives each distinct (field, transformation chain) one cache slot.
/// </summary>
internal sealed partial class WebAclCompilation(IWafReferences references, WafCompileOptions options)
{
    private readonly Dictionary<string, FieldInspection> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rawSlots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bodyContentTypes = new(StringComparer.Ordinal);
    private string _webAclArn = string.Empty;
    private bool _inspectsBody;

    public CompiledWebAcl Compile(JsonElement webAcl)
    {
        if (webAcl.ValueKind != JsonValueKind.Object)
        {
            throw new WafDefinitionException("WebACL: must be an object.");
        }
        var name = WafJson.String(webAcl, "Name", "WebACL");
        var id = WafJson.OptionalString(webAcl, "Id", "WebACL") ?? string.Empty;
        _webAclArn = WafJson.OptionalString(webAcl, "ARN", "WebACL") ?? name;
        ReadCustomResponseBodies(webAcl);

        var defaultAction = Action(WafJson.Object(webAcl, "DefaultAction", "WebACL"), "WebACL.DefaultAction", allowCount: false);
        var labelPrefix = $"awswaf:{options.AccountId}:webacl:{name}:";
        var rules = CompileRules(webAcl, "WebACL", labelPrefix, _webAclArn, allowGroups: true);
        return new CompiledWebAcl(name, id, _webAclArn, defaultAction, rules, _slots.Count, _rawSlots.Count, _inspectsBody);
    }

    /// <summary>Compiles a Rules list in priority order; rule group statements are flattened in place.</summary>
    private WafRule[] CompileRules(JsonElement owner, string where, string labelPrefix, string ownerArn, bool allowGroups)
    {
        var declared = new List<(long Priority, JsonElement Rule, string Name)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var priorities = new HashSet<long>();
        foreach (var rule in WafJson.Array(owner, "Rules", where, options.MaxRules))
        {
            var name = WafJson.String(rule, "Name", $"{where}.Rules[]");
            if (name.Length > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new WafDefinitionException($"{where}.Rules[{name}].Name: 1-128 letters, digits, '_' or '-'.");
            }
            var priority = WafJson.Integer(rule, "Priority", $"{where}.Rules[{name}]", 0, int.MaxValue);
            if (!names.Add(name))
            {
                throw new WafDefinitionException($"{where}.Rules[{name}]: duplicate rule name.");
            }
            if (!priorities.Add(priority))
            {
                throw new WafDefinitionException($"{where}.Rules[{name}].Priority: {priority} is used by another rule.");
            }
            declared.Add((priority, rule, name));
        }

        var compiled = new List<WafRule>();
        foreach (var (priority, rule, name) in declared.OrderBy(entry => entry.Priority))
        {
            var ruleWhere = $"{where}.Rules[{name}]";
            var statement = WafJson.Object(rule, "Statement", ruleWhere);
            var (kind, body) = WafJson.Union(statement, $"{ruleWhere}.Statement");
            var labels = WafJson.Array(rule, "RuleLabels", ruleWhere, 100)
                .Select(label => labelPrefix + WafJson.String(label, "Name", $"{ruleWhere}.RuleLabels[]"))
                .ToArray();
            if (kind is "ManagedRuleGroupStatement" or "RuleGroupReferenceStatement")
            {
                if (!allowGroups)
                {
                    throw new WafDefinitionException($"{ruleWhere}.Statement.{kind}: a rule group cannot contain a rule group.");
                }
                if (rule.TryGetProperty("Action", out var stray) && stray.ValueKind != JsonValueKind.Null)
                {
                    throw new WafDefinitionException($"{ruleWhere}.Action: a rule group statement takes OverrideAction, not Action.");
                }
                compiled.AddRange(CompileGroup(kind, body, name, (int)priority, rule, ruleWhere));
                continue;
            }
            if (rule.TryGetProperty("OverrideAction", out var strayOverride) && strayOverride.ValueKind != JsonValueKind.Null)
            {
                throw new WafDefinitionException($"{ruleWhere}.OverrideAction: only a rule group statement takes OverrideAction.");
            }
            var action = Action(WafJson.Object(rule, "Action", ruleWhere), $"{ruleWhere}.Action", allowCount: true);
            var context = new StatementContext(ownerArn, name, TopLevel: true, Depth: 0);
            compiled.Add(new WafRule(name, (int)priority, Statement(kind, body, $"{ruleWhere}.Statement.{kind}", context), action, labels));
        }
        return [.. compiled];
    }

    /// <summary>
    /// A managed or referenced rule group, flattened: its rules as <c>{rule}/{inner}</c>, with
    /// the scope-down statement, excluded rules, rule action overrides and override action applied.
    /// </summary>
    private IEnumerable<WafRule> CompileGroup(string kind, JsonElement body, string ruleName, int priority, JsonElement rule, string ruleWhere)
    {
        var overrideKind = WafJson.Union(WafJson.Object(rule, "OverrideAction", ruleWhere), $"{ruleWhere}.OverrideAction").Name;
        var countAll = overrideKind switch
        {
            "None" => false,
            "Count" => true,
            _ => throw new WafDefinitionException($"{ruleWhere}.OverrideAction: {overrideKind} is not supported (None or Count)."),
        };
        var where = $"{ruleWhere}.Statement.{kind}";
        var excluded = WafJson.Array(body, "ExcludedRules", where, 100)
            .Select(entry => WafJson.String(entry, "Name", $"{where}.ExcludedRules[]"))
            .ToHashSet(StringComparer.Ordinal);
        var overrides = new Dictionary<string, WafRuleAction>(StringComparer.Ordinal);
        foreach (var entry in WafJson.Array(body, "RuleActionOverrides", where, 100))
        {
            var name = WafJson.String(entry, "Name", $"{where}.RuleActionOverrides[]");
            overrides[name] = Action(WafJson.Object(entry, "ActionToUse", $"{where}.RuleActionOverrides[{name}]"), $"{where}.RuleActionOverrides[{name}].ActionToUse", allowCount: true);
        }

        IReadOnlyList<WafRule> inner;
        WafStatement? scopeDown = null;
        if (kind == "ManagedRuleGroupStatement")
        {
            var vendor = WafJson.String(body, "VendorName", where);
            var groupName = WafJson.String(body, "Name", where);
            var group = CoreRuleSet.Group(vendor, groupName)
                ?? throw new WafDefinitionException($"{where}: managed rule group {vendor}/{groupName} is not available (OrleansGateway/CoreRuleSet, or AWS/AWSManagedRulesCommonRuleSet, AWSManagedRulesSQLiRuleSet, AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesUnixRuleSet).");
            var labelPrefix = $"awswaf:managed:{vendor.ToLowerInvariant()}:{groupName.ToLowerInvariant()}:";
            inner = group.Select((core, index) => new WafRule(core.Name, index, new DetectorStatement(Inspect(core.Field, core.Chain), core.Detector), WafRuleAction.Block, [labelPrefix + core.Name])).ToArray();
            if (WafJson.OptionalObject(body, "ScopeDownStatement", where) is { } scope)
            {
                var (scopeKind, scopeBody) = WafJson.Union(scope, $"{where}.ScopeDownStatement");
                scopeDown = Statement(scopeKind, scopeBody, $"{where}.ScopeDownStatement.{scopeKind}", new StatementContext(_webAclArn, ruleName, TopLevel: false, Depth: 1));
            }
        }
        else
        {
            var arn = WafJson.String(body, "ARN", where);
            var rules = references.RuleGroupRules(arn) ?? throw new WafDefinitionException($"{where}.ARN: no rule group {arn}.");
            var groupName = NameFromArn(arn);
            var wrapper = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { ["Rules"] = rules });
            inner = CompileRules(wrapper, $"{where}[{groupName}]", $"awswaf:{options.AccountId}:rulegroup:{groupName}:", arn, allowGroups: false);
        }

        foreach (var name in excluded.Concat(overrides.Keys))
        {
            if (!inner.Any(candidate => candidate.Name == name))
            {
                throw new WafDefinitionException($"{where}: the group has no rule named {name}.");
            }
        }
        foreach (var innerRule in inner)
        {
            var action = excluded.Contains(innerRule.Name) ? WafRuleAction.Count
                : overrides.TryGetValue(innerRule.Name, out var overridden) ? overridden
                : innerRule.Action;
            if (countAll)
            {
                action = WafRuleAction.Count;
            }
            var statement = scopeDown is null ? innerRule.Statement : new AndStatement([scopeDown, innerRule.Statement]);
            yield return new WafRule($"{ruleName}/{innerRule.Name}", priority, statement, action, innerRule.Labels);
        }
    }

    private static string NameFromArn(string arn)
    {
        // arn:aws:wafv2:{region}:{account}:regional/rulegroup/{name}/{id}
        var parts = arn.Split('/');
        return parts.Length >= 3 ? parts[^2] : arn;
    }

    /// <summary>An Action (Allow, Block with optional custom response, Count) or a DefaultAction (no Count).</summary>
    private WafRuleAction Action(JsonElement action, string where, bool allowCount)
    {
        var (kind, body) = WafJson.Union(action, where);
        switch (kind)
        {
            case "Allow":
                // CustomRequestHandling (headers inserted into the forwarded request) is not applied.
                return WafRuleAction.Allow;
            case "Count" when allowCount:
                return WafRuleAction.Count;
            case "Block":
                return WafJson.OptionalObject(body, "CustomResponse", $"{where}.Block") is { } custom
                    ? new WafRuleAction(WafActionKind.Block, CustomResponse(custom, $"{where}.Block.CustomResponse"))
                    : WafRuleAction.Block;
            default:
                throw new WafDefinitionException($"{where}: action {kind} is not supported (Allow, Block{(allowCount ? ", Count" : string.Empty)}).");
        }
    }

    private WafCustomResponse CustomResponse(JsonElement custom, string where)
    {
        var status = (int)WafJson.Integer(custom, "ResponseCode", where, 200, 599);
        byte[]? body = null;
        string? contentType = null;
        if (WafJson.OptionalString(custom, "CustomResponseBodyKey", where) is { } key)
        {
            if (!_bodies.TryGetValue(key, out body))
            {
                throw new WafDefinitionException($"{where}.CustomResponseBodyKey: no custom response body named {key}.");
            }
            contentType = _bodyContentTypes[key];
        }
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in WafJson.Array(custom, "ResponseHeaders", where, 10))
        {
            var name = WafJson.String(header, "Name", $"{where}.ResponseHeaders[]");
            var value = WafJson.String(header, "Value", $"{where}.ResponseHeaders[{name}]");
            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || value.Any(char.IsControl))
            {
                throw new WafDefinitionException($"{where}.ResponseHeaders[{name}]: not a valid header.");
            }
            // WAFv2 prefixes custom response header names so they cannot impersonate others.
            headers.Add(new("x-amzn-waf-" + name, value));
        }
        return new WafCustomResponse(status, contentType, body, headers);
    }

    private void ReadCustomResponseBodies(JsonElement webAcl)
    {
        if (WafJson.OptionalObject(webAcl, "CustomResponseBodies", "WebACL") is not { } bodies)
        {
            return;
        }
        foreach (var entry in bodies.EnumerateObject())
        {
            var where = $"WebACL.CustomResponseBodies[{entry.Name}]";
            var contentType = WafJson.String(entry.Value, "ContentType", where) switch
            {
                "TEXT_PLAIN" => "text/plain",
                "TEXT_HTML" => "text/html",
                "APPLICATION_JSON" => "application/json",
                var other => throw new WafDefinitionException($"{where}.ContentType: {other} is not TEXT_PLAIN, TEXT_HTML or APPLICATION_JSON."),
            };
            var content = WafJson.String(entry.Value, "Content", where);
            if (content.Length > 10_240)
            {
                throw new WafDefinitionException($"{where}.Content: at most 10240 characters.");
            }
            _bodies[entry.Name] = Encoding.UTF8.GetBytes(content);
            _bodyContentTypes[entry.Name] = contentType;
        }
    }

    /// <summary>The shared inspection for a field and chain: one slot per distinct pair.</summary>
    private FieldInspection Inspect(WafField field, TextTransformationType[] chain)
    {
        var key = field.Key + "#" + string.Join(',', chain);
        if (!_slots.TryGetValue(key, out var inspection))
        {
            if (!_rawSlots.TryGetValue(field.Key, out var rawSlot))
            {
                rawSlot = _rawSlots.Count;
                _rawSlots[field.Key] = rawSlot;
            }
            inspection = new FieldInspection(field, chain, _slots.Count, rawSlot);
            foreach (var other in _slots.Values)
            {
                if (other.RawSlot == rawSlot && TextTransformer.AreTwins(chain, other.Chain))
                {
                    inspection.Twin ??= other;
                    other.Twin ??= inspection;
                }
            }
            _slots[key] = inspection;
        }
        _inspectsBody |= field.Kind is FieldKind.Body or FieldKind.JsonBody or FieldKind.BodyValues;
        return inspection;
    }

    /// <summary>Where a statement sits: the rule it belongs to (rate-based counters are keyed by it) and its nesting.</summary>
    private sealed record StatementContext(string OwnerArn, string RuleName, bool TopLevel, int Depth);
}

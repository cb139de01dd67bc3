using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGateway.Edge.DataPlane.Waf.Detection;
using OrleansGateway.Edge.DataPlane.Waf.Fields;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;
using OrleansGateway.Edge.DataPlane.Waf.Statements;
using OrleansGateway.Edge.DataPlane.Waf.Transformations;

namespace OrleansGateway.Edge.DataPlane.Waf.Compilation;

/// <summary>Statements, fields and transformations.</summary>
internal sealed partial class WebAclCompilation
{
    private WafStatement Statement(string kind, JsonElement body, string where, StatementContext context)
    {
        if (context.Depth > options.MaxNestingDepth)
        {
            throw new WafDefinitionException($"{where}: statements nest deeper than {options.MaxNestingDepth}.");
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new WafDefinitionException($"{where}: must be an object.");
        }
        return kind switch
        {
            "ByteMatchStatement" => ByteMatch(body, where),
            "RegexMatchStatement" => new RegexMatchStatement(FieldWithTransformations(body, where), [Regex(WafJson.String(body, "RegexString", where), $"{where}.RegexString")]),
            "RegexPatternSetReferenceStatement" => RegexPatternSet(body, where),
            "IPSetReferenceStatement" => IpSet(body, where),
            "GeoMatchStatement" => GeoMatch(body, where),
            "SizeConstraintStatement" => SizeConstraint(body, where),
            "SqliMatchStatement" => Sqli(body, where),
            "XssMatchStatement" => new DetectorStatement(FieldWithTransformations(body, where), CrossSiteScriptingDetector.IsCrossSiteScripting),
            "AndStatement" => new AndStatement(Nested(body, where, context, min: 2)),
            "OrStatement" => new OrStatement(Nested(body, where, context, min: 2)),
            "NotStatement" => new NotStatement(NestedOne(WafJson.Object(body, "Statement", where), $"{where}.Statement", context)),
            "RateBasedStatement" => RateBased(body, where, context),
            "LabelMatchStatement" => LabelMatch(body, where),
            "ManagedRuleGroupStatement" or "RuleGroupReferenceStatement" =>
                throw new WafDefinitionException($"{where}: a rule group statement can only be a rule's top-level statement."),
            _ => throw new WafDefinitionException($"{where}: {kind} is not supported."),
        };
    }

    private WafStatement NestedOne(JsonElement statement, string where, StatementContext context)
    {
        var (kind, body) = WafJson.Union(statement, where);
        return Statement(kind, body, $"{where}.{kind}", context with { TopLevel = false, Depth = context.Depth + 1 });
    }

    private WafStatement[] Nested(JsonElement body, string where, StatementContext context, int min)
    {
        var statements = WafJson.Array(body, "Statements", where, 20, required: true)
            .Select((statement, index) => NestedOne(statement, $"{where}.Statements[{index}]", context))
            .ToArray();
        return statements.Length >= min ? statements : throw new WafDefinitionException($"{where}.Statements: at least {min} statements.");
    }

    private ByteMatchStatement ByteMatch(JsonElement body, string where)
    {
        // On the wire (and so in GetWebACL) SearchString is a base64 blob; CloudFormation's
        // SearchStringBase64 is the same bytes.
        var encoded = WafJson.OptionalString(body, "SearchString", where) ?? WafJson.String(body, "SearchStringBase64", where);
        string search;
        try
        {
            search = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException e)
        {
            throw new WafDefinitionException($"{where}.SearchString: must be base64 (WAFv2's blob encoding).", e);
        }
        if (search.Length is 0 || search.Length > options.MaxSearchStringLength)
        {
            throw new WafDefinitionException($"{where}.SearchString: 1-{options.MaxSearchStringLength} bytes.");
        }
        var constraint = WafJson.String(body, "PositionalConstraint", where) switch
        {
            "EXACTLY" => PositionalConstraint.Exactly,
            "STARTS_WITH" => PositionalConstraint.StartsWith,
            "ENDS_WITH" => PositionalConstraint.EndsWith,
            "CONTAINS" => PositionalConstraint.Contains,
            "CONTAINS_WORD" => PositionalConstraint.ContainsWord,
            var other => throw new WafDefinitionException($"{where}.PositionalConstraint: {other} is not EXACTLY, STARTS_WITH, ENDS_WITH, CONTAINS or CONTAINS_WORD."),
        };
        return new ByteMatchStatement(FieldWithTransformations(body, where), search, constraint);
    }

    private RegexMatchStatement RegexPatternSet(JsonElement body, string where)
    {
        var arn = WafJson.String(body, "ARN", where);
        var patterns = references.RegexPatterns(arn) ?? throw new WafDefinitionException($"{where}.ARN: no regex pattern set {arn}.");
        if (patterns.Count > 50)
        {
            throw new WafDefinitionException($"{where}.ARN: a regex pattern set holds at most 50 patterns.");
        }
        return new RegexMatchStatement(FieldWithTransformations(body, where), patterns.Select((pattern, index) => Regex(pattern, $"{where}[{arn}][{index}]")).ToArray());
    }

    /// <summary>
    /// Compiles with the non-backtracking engine: linear-time matching, and constructs it cannot
    /// run in linear time (backreferences, lookarounds, atomic groups) are refused, much as WAFv2
    /// refuses them.
    /// </summary>
    private Regex Regex(string pattern, string where)
    {
        if (pattern.Length is 0 || pattern.Length > options.MaxRegexLength)
        {
            throw new WafDefinitionException($"{where}: a regex of 1-{options.MaxRegexLength} characters.");
        }
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, options.RegexMatchTimeout);
        }
        catch (NotSupportedException e)
        {
            throw new WafDefinitionException($"{where}: the regex uses a construct that is not supported (backreferences, lookarounds, atomic groups).", e);
        }
        catch (ArgumentException e)
        {
            throw new WafDefinitionException($"{where}: not a valid regex ({e.Message}).", e);
        }
    }

    private IpSetStatement IpSet(JsonElement body, string where)
    {
        var arn = WafJson.String(body, "ARN", where);
        var addresses = references.IpSetAddresses(arn) ?? throw new WafDefinitionException($"{where}.ARN: no IP set {arn}.");
        var networks = new IPNetwork[addresses.Count];
        for (var i = 0; i < networks.Length; i++)
        {
            if (!IPNetwork.TryParse(addresses[i], out networks[i]))
            {
                throw new WafDefinitionException($"{where}.ARN: IP set {arn} holds {addresses[i]}, which is not a CIDR range.");
            }
        }
        ForwardedIpSource? forwarded = null;
        if (WafJson.OptionalObject(body, "IPSetForwardedIPConfig", where) is { } config)
        {
            var position = WafJson.String(config, "Position", $"{where}.IPSetForwardedIPConfig") switch
            {
                "FIRST" => ForwardedIpPosition.First,
                "LAST" => ForwardedIpPosition.Last,
                "ANY" => ForwardedIpPosition.Any,
                var other => throw new WafDefinitionException($"{where}.IPSetForwardedIPConfig.Position: {other} is not FIRST, LAST or ANY."),
            };
            forwarded = Forwarded(config, $"{where}.IPSetForwardedIPConfig", position);
        }
        return new IpSetStatement(networks, forwarded);
    }

    private static ForwardedIpSource Forwarded(JsonElement config, string where, ForwardedIpPosition position)
    {
        var header = WafJson.String(config, "HeaderName", where);
        var fallback = WafJson.String(config, "FallbackBehavior", where) switch
        {
            "MATCH" => true,
            "NO_MATCH" => false,
            var other => throw new WafDefinitionException($"{where}.FallbackBehavior: {other} is not MATCH or NO_MATCH."),
        };
        return new ForwardedIpSource(header, fallback, position);
    }

    private static GeoMatchStatement GeoMatch(JsonElement body, string where)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in WafJson.Array(body, "CountryCodes", where, 250, required: true))
        {
            var text = code.ValueKind == JsonValueKind.String ? code.GetString() : null;
            if (text is not { Length: 2 } || !text.All(char.IsAsciiLetterUpper))
            {
                throw new WafDefinitionException($"{where}.CountryCodes: {code} is not an ISO 3166-1 alpha-2 code.");
            }
            codes.Add(text);
        }
        if (codes.Count == 0)
        {
            throw new WafDefinitionException($"{where}.CountryCodes: at least one code.");
        }
        var forwarded = WafJson.OptionalObject(body, "ForwardedIPConfig", where) is { } config
            ? Forwarded(config, $"{where}.ForwardedIPConfig", ForwardedIpPosition.First)
            : null;
        return new GeoMatchStatement(codes, forwarded);
    }

    private SizeConstraintStatement SizeConstraint(JsonElement body, string where)
    {
        var comparison = WafJson.String(body, "ComparisonOperator", where) switch
        {
            "EQ" => ComparisonOperator.Eq,
            "NE" => ComparisonOperator.Ne,
            "LE" => ComparisonOperator.Le,
            "LT" => ComparisonOperator.Lt,
            "GE" => ComparisonOperator.Ge,
            "GT" => ComparisonOperator.Gt,
            var other => throw new WafDefinitionException($"{where}.ComparisonOperator: {other} is not EQ, NE, LE, LT, GE or GT."),
        };
        var size = WafJson.Integer(body, "Size", where, 0, 21_474_836_480);
        return new SizeConstraintStatement(FieldWithTransformations(body, where), comparison, size);
    }

    private DetectorStatement Sqli(JsonElement body, string where)
    {
        var high = (WafJson.OptionalString(body, "SensitivityLevel", where) ?? "LOW") switch
        {
            "LOW" => false,
            "HIGH" => true,
            var other => throw new WafDefinitionException($"{where}.SensitivityLevel: {other} is not LOW or HIGH."),
        };
        return new DetectorStatement(FieldWithTransformations(body, where),
            high ? static (value, shape) => SqlInjectionDetector.IsSqlInjection(value, shape, highSensitivity: true)
                 : static (value, shape) => SqlInjectionDetector.IsSqlInjection(value, shape, highSensitivity: false));
    }

    private RateBasedStatement RateBased(JsonElement body, string where, StatementContext context)
    {
        if (!context.TopLevel)
        {
            throw new WafDefinitionException($"{where}: a rate-based statement can only be a rule's top-level statement.");
        }
        var limit = WafJson.Integer(body, "Limit", where, 10, 2_000_000_000);
        var window = WafJson.OptionalInteger(body, "EvaluationWindowSec", where, 60, 600) ?? 300;
        if (window is not (60 or 120 or 300 or 600))
        {
            throw new WafDefinitionException($"{where}.EvaluationWindowSec: 60, 120, 300 or 600.");
        }
        var aggregation = WafJson.String(body, "AggregateKeyType", where) switch
        {
            "IP" => RateAggregation.Ip,
            "FORWARDED_IP" => RateAggregation.ForwardedIp,
            "CONSTANT" => RateAggregation.Constant,
            var other => throw new WafDefinitionException($"{where}.AggregateKeyType: {other} is not supported (IP, FORWARDED_IP, CONSTANT)."),
        };
        ForwardedIpSource? forwarded = null;
        if (aggregation == RateAggregation.ForwardedIp)
        {
            forwarded = Forwarded(WafJson.Object(body, "ForwardedIPConfig", where), $"{where}.ForwardedIPConfig", ForwardedIpPosition.First);
        }
        WafStatement? scopeDown = null;
        if (WafJson.OptionalObject(body, "ScopeDownStatement", where) is { } scope)
        {
            scopeDown = NestedOne(scope, $"{where}.ScopeDownStatement", context);
        }
        else if (aggregation == RateAggregation.Constant)
        {
            throw new WafDefinitionException($"{where}.ScopeDownStatement: CONSTANT aggregation needs a scope-down statement.");
        }
        var rule = new WafRateRule(context.OwnerArn, context.RuleName, limit, TimeSpan.FromSeconds(window));
        return new RateBasedStatement(rule, aggregation, forwarded, scopeDown);
    }

    private static LabelMatchStatement LabelMatch(JsonElement body, string where)
    {
        var key = WafJson.String(body, "Key", where);
        var isNamespace = WafJson.String(body, "Scope", where) switch
        {
            "LABEL" => false,
            "NAMESPACE" => true,
            var other => throw new WafDefinitionException($"{where}.Scope: {other} is not LABEL or NAMESPACE."),
        };
        if (isNamespace && !key.EndsWith(':'))
        {
            key += ":";
        }
        return new LabelMatchStatement(key, isNamespace);
    }
}

using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Waf.Fields;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;
using OrleansGateway.Edge.DataPlane.Waf.Transformations;

namespace OrleansGateway.Edge.DataPlane.Waf.Compilation;

/// <summary>FieldToMatch and TextTransformations.</summary>
internal sealed partial class WebAclCompilation
{
    /// <summary>The statement's FieldToMatch and TextTransformations (in Priority order) as one shared inspection.</summary>
    private FieldInspection FieldWithTransformations(JsonElement statement, string where)
    {
        var field = Field(WafJson.Object(statement, "FieldToMatch", where), $"{where}.FieldToMatch");
        var steps = new List<(long Priority, TextTransformationType Type)>();
        foreach (var transformation in WafJson.Array(statement, "TextTransformations", where, 10))
        {
            var priority = WafJson.Integer(transformation, "Priority", $"{where}.TextTransformations[]", 0, int.MaxValue);
            var name = WafJson.String(transformation, "Type", $"{where}.TextTransformations[{priority}]");
            var type = TextTransformer.Parse(name) ?? throw new WafDefinitionException($"{where}.TextTransformations[{priority}].Type: {name} is not supported.");
            if (steps.Any(step => step.Priority == priority))
            {
                throw new WafDefinitionException($"{where}.TextTransformations: priority {priority} is used twice.");
            }
            steps.Add((priority, type));
        }
        var chain = steps.OrderBy(step => step.Priority).Select(step => step.Type).Where(type => type != TextTransformationType.None).ToArray();
        return Inspect(field, chain);
    }

    private static WafField Field(JsonElement fieldToMatch, string where)
    {
        var (kind, body) = WafJson.Union(fieldToMatch, where);
        where = $"{where}.{kind}";
        return kind switch
        {
            "UriPath" => WafField.Simple(FieldKind.UriPath),
            "QueryString" => WafField.Simple(FieldKind.QueryString),
            "Method" => WafField.Simple(FieldKind.Method),
            "AllQueryArguments" => WafField.Simple(FieldKind.AllQueryArguments),
            "SingleHeader" => WafField.Simple(FieldKind.SingleHeader, WafJson.String(body, "Name", where)),
            "SingleQueryArgument" => WafField.Simple(FieldKind.SingleQueryArgument, WafJson.String(body, "Name", where)),
            "Body" => WafField.Simple(FieldKind.Body) with { Oversize = Oversize(body, where) },
            "JsonBody" => JsonBody(body, where),
            "Headers" => Named(FieldKind.Headers, body, where, "IncludedHeaders", "ExcludedHeaders", StringComparer.OrdinalIgnoreCase),
            "Cookies" => Named(FieldKind.Cookies, body, where, "IncludedCookies", "ExcludedCookies", StringComparer.Ordinal),
            _ => throw new WafDefinitionException($"{where}: this FieldToMatch is not supported."),
        };
    }

    private static OversizeHandling Oversize(JsonElement body, string where) =>
        (WafJson.OptionalString(body, "OversizeHandling", where) ?? "CONTINUE") switch
        {
            "CONTINUE" => OversizeHandling.Continue,
            "MATCH" => OversizeHandling.Match,
            "NO_MATCH" => OversizeHandling.NoMatch,
            var other => throw new WafDefinitionException($"{where}.OversizeHandling: {other} is not CONTINUE, MATCH or NO_MATCH."),
        };

    private static MatchScope Scope(JsonElement body, string where) =>
        WafJson.String(body, "MatchScope", where) switch
        {
            "ALL" => MatchScope.All,
            "KEY" => MatchScope.Key,
            "VALUE" => MatchScope.Value,
            var other => throw new WafDefinitionException($"{where}.MatchScope: {other} is not ALL, KEY or VALUE."),
        };

    private static WafField JsonBody(JsonElement body, string where)
    {
        var (pattern, _) = WafJson.Union(WafJson.Object(body, "MatchPattern", where), $"{where}.MatchPattern");
        if (pattern != "All")
        {
            throw new WafDefinitionException($"{where}.MatchPattern: only All is supported.");
        }
        var invalid = (WafJson.OptionalString(body, "InvalidFallbackBehavior", where) ?? "EVALUATE_AS_STRING") switch
        {
            "EVALUATE_AS_STRING" => OversizeHandling.Continue,
            "MATCH" => OversizeHandling.Match,
            "NO_MATCH" => OversizeHandling.NoMatch,
            var other => throw new WafDefinitionException($"{where}.InvalidFallbackBehavior: {other} is not MATCH, NO_MATCH or EVALUATE_AS_STRING."),
        };
        return new WafField(FieldKind.JsonBody, null, Scope(body, where), null, null, Oversize(body, where), invalid);
    }

    private static WafField Named(FieldKind kind, JsonElement body, string where, string included, string excluded, StringComparer comparer)
    {
        var (pattern, patternBody) = WafJson.Union(WafJson.Object(body, "MatchPattern", where), $"{where}.MatchPattern");
        HashSet<string>? includedNames = null;
        HashSet<string>? excludedNames = null;
        if (pattern == included || pattern == excluded)
        {
            if (patternBody.ValueKind != JsonValueKind.Array || patternBody.GetArrayLength() is 0 or > 199)
            {
                throw new WafDefinitionException($"{where}.MatchPattern.{pattern}: a list of 1-199 names.");
            }
            var names = patternBody.EnumerateArray()
                .Select(name => name.ValueKind == JsonValueKind.String ? name.GetString()! : throw new WafDefinitionException($"{where}.MatchPattern.{pattern}: names must be strings."))
                .ToHashSet(comparer);
            if (pattern == included)
            {
                includedNames = names;
            }
            else
            {
                excludedNames = names;
            }
        }
        else if (pattern != "All")
        {
            throw new WafDefinitionException($"{where}.MatchPattern: {pattern} is not All, {included} or {excluded}.");
        }
        return new WafField(kind, null, Scope(body, where), includedNames, excludedNames, Oversize(body, where), null);
    }
}

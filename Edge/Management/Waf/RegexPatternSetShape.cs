using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>Regex pattern sets: up to 10 regular expressions of at most 200 characters each.</summary>
internal sealed class RegexPatternSetShape : WafEntityShape
{
    public override WafEntityKind Kind => WafEntityKind.RegexPatternSet;

    public override string Noun => "RegexPatternSet";

    public override string Field => "REGEX_PATTERN_SET";

    protected override IReadOnlyList<string> CreateMembers { get; } = ["RegularExpressionList"];

    protected override IReadOnlyList<string> UpdateMembers { get; } = ["RegularExpressionList"];

    protected override (IReadOnlyList<string> References, long Capacity) Check(JsonElement body, WafEntity? current, WafDraftContext context)
    {
        if (!body.TryGetProperty("RegularExpressionList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw WafException.InvalidParameter(Field, null, "RegularExpressionList is required");
        }
        if (list.GetArrayLength() > WafLimits.MaxRegexesPerSet)
        {
            throw WafException.Limits($"{WafLimits.MaxRegexesPerSet} regular expressions in a regex pattern set");
        }
        foreach (var item in list.EnumerateArray())
        {
            var pattern = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("RegexString", out var p) && p.ValueKind == JsonValueKind.String
                ? p.GetString()!
                : throw WafException.InvalidParameter(Field, null, "Each item must be {\"RegexString\": \"...\"}");
            if (pattern.Length is 0 or > WafLimits.MaxRegexLength)
            {
                throw WafException.InvalidParameter(Field, pattern, $"A regular expression must have 1 to {WafLimits.MaxRegexLength} characters");
            }
            try
            {
                // Compiled once here to reject what the engine could not use; never run.
                _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                throw WafException.InvalidParameter(Field, pattern, "The regular expression is invalid");
            }
        }
        return ([], 0);
    }
}

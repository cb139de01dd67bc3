namespace OrleansGateway.Edge.Security.Policies;

/// <summary>
/// A condition operator as written in a policy (<c>ForAnyValue:StringLikeIfExists</c>), split into
/// the test it runs, whether it is negated, the <c>IfExists</c> suffix and the set qualifier.
/// </summary>
/// <param name="Name">The operator as written.</param>
/// <param name="Test">The comparison of one request value with one policy value.</param>
/// <param name="Negated">True for the <c>Not</c> forms: the condition holds when no policy value matches.</param>
/// <param name="IfExists">The <c>IfExists</c> suffix: a key absent from the request satisfies the condition.</param>
/// <param name="Set">The <c>ForAnyValue:</c>/<c>ForAllValues:</c> prefix, if any.</param>
internal sealed record ConditionOperator(string Name, ConditionTest Test, bool Negated, bool IfExists, ConditionSet Set)
{
    private const string IfExistsSuffix = "IfExists";

    private static readonly Dictionary<string, (ConditionTest Test, bool Negated)> Bases = new(StringComparer.Ordinal)
    {
        ["StringEquals"] = (ConditionTest.StringEquals, false),
        ["StringNotEquals"] = (ConditionTest.StringEquals, true),
        ["StringEqualsIgnoreCase"] = (ConditionTest.StringEqualsIgnoreCase, false),
        ["StringNotEqualsIgnoreCase"] = (ConditionTest.StringEqualsIgnoreCase, true),
        ["StringLike"] = (ConditionTest.StringLike, false),
        ["StringNotLike"] = (ConditionTest.StringLike, true),
        ["NumericEquals"] = (ConditionTest.NumericEquals, false),
        ["NumericNotEquals"] = (ConditionTest.NumericEquals, true),
        ["NumericLessThan"] = (ConditionTest.NumericLessThan, false),
        ["NumericLessThanEquals"] = (ConditionTest.NumericLessThanEquals, false),
        ["NumericGreaterThan"] = (ConditionTest.NumericGreaterThan, false),
        ["NumericGreaterThanEquals"] = (ConditionTest.NumericGreaterThanEquals, false),
        ["DateEquals"] = (ConditionTest.DateEquals, false),
        ["DateNotEquals"] = (ConditionTest.DateEquals, true),
        ["DateLessThan"] = (ConditionTest.DateLessThan, false),
        ["DateLessThanEquals"] = (ConditionTest.DateLessThanEquals, false),
        ["DateGreaterThan"] = (ConditionTest.DateGreaterThan, false),
        ["DateGreaterThanEquals"] = (ConditionTest.DateGreaterThanEquals, false),
        ["Bool"] = (ConditionTest.Bool, false),
        ["IpAddress"] = (ConditionTest.IpAddress, false),
        ["NotIpAddress"] = (ConditionTest.IpAddress, true),
        ["ArnEquals"] = (ConditionTest.ArnLike, false),
        ["ArnNotEquals"] = (ConditionTest.ArnLike, true),
        ["ArnLike"] = (ConditionTest.ArnLike, false),
        ["ArnNotLike"] = (ConditionTest.ArnLike, true),
        ["Null"] = (ConditionTest.Null, false),
    };

    /// <summary>Parses an operator name; null when it is not one IAM defines (operator names are case-sensitive).</summary>
    public static ConditionOperator? TryParse(string name)
    {
        var rest = name.AsSpan();
        var set = ConditionSet.None;
        if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            set = ConditionSet.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }
        else if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            set = ConditionSet.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        var ifExists = rest.EndsWith(IfExistsSuffix, StringComparison.Ordinal);
        if (ifExists)
        {
            rest = rest[..^IfExistsSuffix.Length];
        }
        if (!Bases.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(rest, out var found))
        {
            return null;
        }
        // IAM has no NullIfExists, and a set qualifier on Null makes no sense.
        if (found.Test == ConditionTest.Null && (ifExists || set != ConditionSet.None))
        {
            return null;
        }
        return new ConditionOperator(name, found.Test, found.Negated, ifExists, set);
    }
}

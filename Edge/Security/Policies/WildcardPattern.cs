namespace OrleansGateway.Edge.Security.Policies;

/// <summary>
/// An IAM wildcard pattern: <c>*</c> matches any run of characters (including <c>/</c> and <c>:</c>),
/// <c>?</c> exactly one. Classified once at parse time so that the common shapes (exact, prefix,
/// <c>*</c>) match without the general backtracking loop; matching never allocates.
/// </summary>
internal sealed class WildcardPattern
{
    private readonly string _body;
    private readonly Shape _shape;
    private readonly bool _ignoreCase;

    public WildcardPattern(string pattern, bool ignoreCase)
    {
        Text = pattern;
        _ignoreCase = ignoreCase;
        var firstWildcard = pattern.AsSpan().IndexOfAny('*', '?');
        if (firstWildcard < 0)
        {
            _shape = Shape.Exact;
            _body = pattern;
        }
        else if (pattern.AsSpan().IndexOfAnyExcept('*') < 0)
        {
            _shape = Shape.Everything;
            _body = "";
        }
        else if (firstWildcard == pattern.Length - 1 && pattern[^1] == '*')
        {
            _shape = Shape.Prefix;
            _body = pattern[..^1];
        }
        else
        {
            _shape = Shape.General;
            _body = pattern;
        }
    }

    private enum Shape
    {
        Exact,
        Prefix,
        Everything,
        General,
    }

    /// <summary>The pattern as written in the policy.</summary>
    public string Text { get; }

    /// <summary>True when <paramref name="value"/> matches the whole pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> value)
    {
        var comparison = _ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return _shape switch
        {
            Shape.Exact => value.Equals(_body, comparison),
            Shape.Prefix => value.StartsWith(_body, comparison),
            Shape.Everything => true,
            _ => MatchGeneral(_body, value, _ignoreCase),
        };
    }

    /// <summary>Greedy match with backtracking to the last <c>*</c>: O(n·m) worst case, linear in practice.</summary>
    private static bool MatchGeneral(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value, bool ignoreCase)
    {
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || CharEquals(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}

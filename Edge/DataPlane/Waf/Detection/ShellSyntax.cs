using System.Buffers;
using System.Text.RegularExpressions;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>
/// Shell constructs that run or build a command without a command name at a separator: Windows FOR/IF, alias,
/// brace expansion, tilde and history expansion (OWASP CRS 932140, 932175, 932270, 932280, 932330).
/// </summary>
internal static class ShellSyntax
{
    // Windows batch control flow and the alias builtin (CRS 932140, 932175), tried only where a command starts and on
    // at most 200 characters, with NonBacktracking so the cost stays linear whatever the input.
    private static readonly Regex BatchSyntax = new(
        """\A(?:for\s+(?:/[a-z][^%\n]{0,100})?%{1,2}\S{0,20}\s+in\s*\(|if\s*(?:/i\s*)?(?:not\s+)?(?:(?:exist|defined|errorlevel|cmdextversion)\s+\S|[^\n]{1,60}?\s*(?:==|\s(?:equ|neq|lss|leq|gtr|geq)\s))|alias\s+(?:[-+]\S*\s+)*\S+=)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>The words that start the constructs above (a construct counts only where a command starts).</summary>
    internal static readonly string[] BatchKeywordNames = ["for", "if", "alias"];

    private static readonly SearchValues<string> BatchKeywords = SearchValues.Create(BatchKeywordNames, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="s"/> (lower-cased, shell quoting removed) holds one of the constructs.</summary>
    public static bool IsPresent(ReadOnlySpan<char> s)
    {
        // ~+, ~-1: tilde expansion to the working directories.
        var trimmed = s.Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '~' && trimmed[1] is '+' or '-' && trimmed[2..].IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return true;
        }

        // !-1: history expansion.
        var bang = s.IndexOf("!-", StringComparison.Ordinal);
        if (bang >= 0 && bang + 2 < s.Length && char.IsAsciiDigit(s[bang + 2]))
        {
            return true;
        }
        return HasBraceExpansion(s) || HasBatchSyntax(s);
    }

    // {,ifconfig}, c{a,oun}t, {cat,/etc/passwd}: brace expansion builds a command from a list.
    private static bool HasBraceExpansion(ReadOnlySpan<char> s)
    {
        var at = 0;
        while (true)
        {
            var open = s[at..].IndexOf('{');
            if (open < 0)
            {
                return false;
            }
            open += at;
            var comma = false;
            var letter = false;
            var i = open + 1;
            for (; i < s.Length && i < open + 64; i++)
            {
                var c = s[i];
                if (c == '}' || c is ' ' or '\t' or ':' or '{')
                {
                    break;
                }
                comma |= c == ',';
                letter |= char.IsAsciiLetter(c);
            }
            if (i < s.Length && s[i] == '}' && comma && letter)
            {
                return true;
            }
            if (open + 2 < s.Length && s[open + 1] == ',' && char.IsAsciiLetter(s[open + 2]))
            {
                return true;
            }
            at = open + 1;
        }
    }

    private static bool HasBatchSyntax(ReadOnlySpan<char> s)
    {
        var at = 0;
        while (at < s.Length)
        {
            var found = s[at..].IndexOfAny(BatchKeywords);
            if (found < 0)
            {
                return false;
            }
            var start = at + found;
            at = start + 1;
            var before = start - 1;
            while (before >= 0 && s[before] is ' ' or '\t' or '@')
            {
                before--;
            }
            if (before >= 0 && s[before] is not (';' or '&' or '|' or '(' or '\n' or '=' or '>'))
            {
                continue;
            }
            if (BatchSyntax.IsMatch(s.Slice(start, Math.Min(200, s.Length - start))))
            {
                return true;
            }
        }
        return false;
    }
}

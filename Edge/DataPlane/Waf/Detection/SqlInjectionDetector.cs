using System.Buffers;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects SQL injection (WAFv2 SqliMatchStatement; highSensitivity = SensitivityLevel HIGH) in a value the WAF has already transformed.</summary>
/// <remarks>
/// The value is tokenized three times, as libinjection does: as a bare value, and as the rest of a string the
/// application opened with ' or " (only when the value holds that quote). Each token sequence is judged by
/// <see cref="SqlInjectionRules"/>. Cost is linear in the value's length; nothing is allocated for values
/// under a few hundred tokens.
/// </remarks>
public static class SqlInjectionDetector
{
    private const int StackTokens = 256;

    /// <summary>True when <paramref name="value"/> looks like SQL injection (WAFv2 SqliMatchStatement; highSensitivity = SensitivityLevel HIGH).</summary>
    public static bool IsSqlInjection(ReadOnlySpan<char> value, bool highSensitivity) =>
        IsSqlInjection(value, PlainValue.ShapeOf(value), highSensitivity);

    /// <summary><see cref="IsSqlInjection(ReadOnlySpan{char}, bool)"/> for a value whose shape is known.</summary>
    internal static bool IsSqlInjection(ReadOnlySpan<char> value, ValueShape shape, bool highSensitivity) =>
        !(shape != ValueShape.Other && HasOnlyInertTokens(value)) && IsSqlInjectionUnfiltered(value, highSensitivity);

    /// <summary>The judgement itself, without the plain-value shortcut (tests compare the two).</summary>
    internal static bool IsSqlInjectionUnfiltered(ReadOnlySpan<char> value, bool highSensitivity)
    {
        if (value.IsEmpty)
        {
            return false;
        }
        return Judge(value, '\0', highSensitivity)
            || (value.Contains('\'') && Judge(value, '\'', highSensitivity))
            || (value.Contains('"') && Judge(value, '"', highSensitivity));
    }

    // A plain value (PlainValue) has no quote, so it is judged once, as a bare value; and no parenthesis, '=', '<' or
    // '>', so it holds no call and no comparison. When its tokens are only ordinary words (no SQL vocabulary, no
    // catalogue name, not "boolean" of BOOLEAN MODE), numbers, '-', ':', '.' and ',' (no '@' variable, no '--'
    // comment), no rule has a token to hold on to: every attack construct needs a keyword, a strong name, a
    // comment, a comparison or a statement, and a break-out after a leading operand needs a comment, a logic
    // operator, a clause, a statement or a number/string/variable between operators followed by one of those.
    // One pass of the tokenizer, no token buffer, no rules.
    private static bool HasOnlyInertTokens(ReadOnlySpan<char> value)
    {
        var tokenizer = new SqlTokenizer(value, '\0');
        while (tokenizer.Next(out var token))
        {
            var inert = token.Kind switch
            {
                SqlTokenKind.Number or SqlTokenKind.Dot or SqlTokenKind.Comma => true,
                SqlTokenKind.Bareword => !token.IsStrongName && !token.Is(value, "boolean"),
                SqlTokenKind.Operator => token.Text(value) is "-" or ":",
                _ => false,
            };
            if (!inert)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when the text of a line comment, read as SQL on its own, holds an attack construct.</summary>
    internal static bool IsHiddenInComment(ReadOnlySpan<char> commentBody) =>
        !commentBody.IsEmpty && Judge(commentBody, '\0', highSensitivity: false, inspectComments: false);

    private static bool Judge(ReadOnlySpan<char> value, char openQuote, bool highSensitivity, bool inspectComments = true)
    {
        // Sized to the value (a token per character at most, plus the opening string): the runtime zeroes every
        // stackalloc, and zeroing 256 tokens (4 KB) cost more than judging a short value.
        Span<SqlToken> buffer = stackalloc SqlToken[Math.Min(StackTokens, value.Length + 1)];
        SqlToken[]? rented = null;
        try
        {
            var tokenizer = new SqlTokenizer(value, openQuote);
            var count = 0;
            while (tokenizer.Next(out var token))
            {
                if (count == buffer.Length)
                {
                    // Every token but the opening string consumes at least one character, so this always fits.
                    rented = ArrayPool<SqlToken>.Shared.Rent(value.Length + 1);
                    buffer.CopyTo(rented);
                    buffer = rented;
                }
                buffer[count++] = token;
            }
            return SqlInjectionRules.Matches(value, buffer[..count], openQuote != '\0', highSensitivity, inspectComments);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<SqlToken>.Shared.Return(rented);
            }
        }
    }
}

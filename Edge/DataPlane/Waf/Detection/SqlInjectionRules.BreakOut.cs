namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <content>
/// The break-out rules: does the value, read from its start, close the literal or expression the application
/// put it in and go on with SQL? The token after the break (and after any closing parentheses) decides.
/// </content>
internal static partial class SqlInjectionRules
{
    private static bool BreaksOut(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> all, bool quoted, bool high)
    {
        // Inline comments are whitespace to a SQL parser (1'/**/or/**/1=1); only a trailing comment matters.
        Span<SqlToken> t = stackalloc SqlToken[BreakOutWindow];
        var count = 0;
        for (var i = 0; i < all.Length && count < t.Length; i++)
        {
            if (all[i].Kind != SqlTokenKind.Comment || i == all.Length - 1 || IsLineComment(input, all[i]))
            {
                t[count++] = all[i];
            }
        }
        t = t[..count];

        var p = 0;
        var hasOperand = false;
        if (quoted)
        {
            p = 1;
            hasOperand = true;
        }
        else
        {
            while (p < t.Length - 1 && t[p].Kind == SqlTokenKind.OpenParen)
            {
                p++;
            }
            if (p < t.Length && IsUnary(input, t[p]) && p + 1 < t.Length && IsOperand(t[p + 1].Kind))
            {
                p++;
            }
            if (p < t.Length && IsOperand(t[p].Kind))
            {
                hasOperand = true;
                p++;
            }
        }
        var lead = hasOperand ? t[p - 1].Kind : SqlTokenKind.Unknown;
        var parens = 0;
        while (p < t.Length && t[p].Kind == SqlTokenKind.CloseParen)
        {
            parens++;
            p++;
        }
        if (p >= t.Length)
        {
            return false;
        }

        var a = t[p];
        var b = Kind(t, p + 1);
        var c = Kind(t, p + 2);
        if (!hasOperand && parens == 0 && a.Kind is not (SqlTokenKind.Logic or SqlTokenKind.Union or SqlTokenKind.Semicolon))
        {
            return false;
        }

        switch (a.Kind)
        {
            case SqlTokenKind.Comment:
                return quoted ? CommentEndsQuery(input, a) && !EndsWithSpace(input, t[0])
                    : lead == SqlTokenKind.Number && (parens > 0 || high) && CommentEndsQuery(input, a);
            case SqlTokenKind.Logic:
                return LogicBreaksOut(input, t, p + 1, quoted, lead, high);
            case SqlTokenKind.Operator when IsUnary(input, a) && b == SqlTokenKind.Operator:
                return false;
            case SqlTokenKind.Operator when quoted:
                return OperatorBreaksOut(input, t, p, high);
            case SqlTokenKind.Operator:
                // 1 - 2 is arithmetic and "card is 4 and a half" is English; 1-1 or 1=1 and 1=1-- are not.
                if (lead == SqlTokenKind.String && b == SqlTokenKind.String && IsComparison(input, t, p))
                {
                    // 'x'!='y, 'a'='a: strings compared with nothing around them.
                    return true;
                }
                return lead is SqlTokenKind.Number or SqlTokenKind.Variable or SqlTokenKind.String
                    && !IsBitwiseOrNot(input, a)
                    && b is SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable
                    && (c is SqlTokenKind.Logic or SqlTokenKind.Union or SqlTokenKind.Semicolon
                        || (c == SqlTokenKind.Comment && CommentEndsQuery(input, t[p + 2])));
            case SqlTokenKind.Semicolon:
                return quoted && (b is SqlTokenKind.Comment or SqlTokenKind.Statement || (high && p + 1 >= t.Length));
            case SqlTokenKind.Keyword when a.Is(input, "as") && (quoted || parens > 0 || lead == SqlTokenKind.Number):
                // ) AS alias FROM ...: the value closed an expression and goes on with a select list.
                return b is SqlTokenKind.Bareword or SqlTokenKind.String or SqlTokenKind.Keyword && p + 2 < t.Length && t[p + 2].Is(input, "from");
            case SqlTokenKind.Clause:
                return ClauseLooksReal(input, t, p);
            case SqlTokenKind.Statement when quoted && a.Is(input, "select"):
                return b != default;
            case SqlTokenKind.Statement:
                return (quoted || parens > 0) && StatementLooksReal(input, t, p);
            default:
                return false;
        }
    }

    // After a closing quote: a comparison with an operand ('=', ' like '1), or arithmetic that goes on into SQL.
    private static bool OperatorBreaksOut(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int p, bool high)
    {
        var op = t[p];
        var i = p + 1;
        if (op.Is(input, "not"))
        {
            // NOT LIKE / NOT IN / NOT BETWEEN compare; a bare NOT before a word is English.
            return IsComparison(input, t, i) && OperatorBreaksOut(input, t, i, high);
        }
        if (op.Is(input, "is"))
        {
            if (i < t.Length && t[i].Is(input, "not"))
            {
                i++;
            }
            return Kind(t, i) == SqlTokenKind.Number && IsSqlConstant(input, t[i]);
        }
        if (i < t.Length && IsUnary(input, t[i]) && t[i].Kind == SqlTokenKind.Operator && !t[i].Is(input, "not"))
        {
            i++;
        }
        var b = Kind(t, i);
        var c = Kind(t, i + 1);
        if (b is SqlTokenKind.Function or SqlTokenKind.OpenParen or SqlTokenKind.Statement)
        {
            return !IsBitwiseOrNot(input, op) || b != SqlTokenKind.OpenParen;
        }
        if (IsComparison(input, t, p))
        {
            var ends = i + 1 >= t.Length;
            return b switch
            {
                SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable =>
                    ends || c is SqlTokenKind.Logic or SqlTokenKind.Comment or SqlTokenKind.Semicolon or SqlTokenKind.CloseParen
                        or SqlTokenKind.Union or SqlTokenKind.Clause or SqlTokenKind.Operator,
                SqlTokenKind.Bareword => ends || c is SqlTokenKind.Logic or SqlTokenKind.Comment or SqlTokenKind.Semicolon or SqlTokenKind.Union,
                _ => false,
            };
        }
        if (IsBitwiseOrNot(input, op))
        {
            return false;
        }
        return b is SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable
            && (c is SqlTokenKind.Logic or SqlTokenKind.Union or SqlTokenKind.Semicolon
                || (c == SqlTokenKind.Comment && CommentEndsQuery(input, t[i + 1]))
                || (high && c == SqlTokenKind.Operator && IsComparison(input, t, i + 1)));
    }

    private static bool LogicBreaksOut(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i, bool quoted, SqlTokenKind lead, bool high)
    {
        if (i < t.Length && IsUnary(input, t[i]))
        {
            i++;
        }
        var b = Kind(t, i);
        var c = Kind(t, i + 1);
        var ends = i + 1 >= t.Length;
        switch (b)
        {
            case SqlTokenKind.Function or SqlTokenKind.OpenParen or SqlTokenKind.Statement:
                return true;
            case SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable or SqlTokenKind.Bareword when IsComparison(input, t, i + 1):
                return true;
            case SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable when quoted:
                // ' or 1--, ' or 'x, ' and 1 or '... but not "1950' and 60's coats".
                return ends || c is SqlTokenKind.Logic or SqlTokenKind.Comment or SqlTokenKind.Semicolon or SqlTokenKind.CloseParen
                    or SqlTokenKind.Union or SqlTokenKind.Clause or SqlTokenKind.Operator;
            case SqlTokenKind.Number when lead == SqlTokenKind.Number:
                // 1 or 1-- is an injection; "7 and 8" on its own is just text.
                return c is SqlTokenKind.Comment or SqlTokenKind.Logic or SqlTokenKind.Semicolon or SqlTokenKind.CloseParen
                    || (high && ends);
            case SqlTokenKind.Bareword when quoted:
                return c is SqlTokenKind.Logic or SqlTokenKind.OpenParen or SqlTokenKind.Comment or SqlTokenKind.Semicolon or SqlTokenKind.CloseParen;
            default:
                return false;
        }
    }

    // A comment that ends the application's query: --, # or /* with nothing but spaces after the marker.
    private static bool CommentEndsQuery(ReadOnlySpan<char> input, SqlToken comment)
    {
        var text = comment.Text(input);
        var body = text.StartsWith("--") ? text[2..] : text.StartsWith("#") ? text[1..] : text.StartsWith("/*") ? ReadOnlySpan<char>.Empty : text;
        body = body.TrimStart('-');
        return body.IsWhiteSpace() || body.Length > 0 && char.IsWhiteSpace(body[0]) && text[0] == '-';
    }

    private static bool EndsWithSpace(ReadOnlySpan<char> input, SqlToken quotedString)
    {
        var text = quotedString.Text(input);
        return text.Length >= 2 && char.IsWhiteSpace(text[^2]);
    }

    private static bool IsBitwiseOrNot(ReadOnlySpan<char> input, SqlToken op) =>
        op.Text(input) is "&" or "|" or "^" or "~" or "%";

    private static bool IsSqlConstant(ReadOnlySpan<char> input, SqlToken token) =>
        token.Is(input, "null") || token.Is(input, "true") || token.Is(input, "false") || token.Is(input, "unknown")
        || char.IsAsciiDigit(input[token.Start]);
}

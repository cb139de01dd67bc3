namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>
/// Judges a token sequence: does it read as SQL that escapes the value it was meant to be? Two families of
/// rules: constructs with no innocent use wherever they appear (UNION SELECT, stacked statements, catalogue
/// names, delay functions, executable comments), and a break-out at the start of the value (a closing quote
/// or parenthesis followed by a logic operator, a comparison, a comment or a clause).
/// </summary>
internal static class SqlInjectionRules
{
    // The break-out rules only look at the first tokens; injected SQL starts right after the break.
    private const int BreakOutWindow = 24;

    /// <summary>True when <paramref name="tokens"/> read as SQL injection.</summary>
    public static bool Matches(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> tokens, bool quoted, bool highSensitivity, bool inspectComments)
    {
        if (tokens.IsEmpty)
        {
            return false;
        }
        return HasAttackConstruct(input, tokens, inspectComments) || BreaksOut(input, tokens, quoted, highSensitivity);
    }

    private static bool HasAttackConstruct(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, bool inspectComments)
    {
        for (var i = 0; i < t.Length; i++)
        {
            var token = t[i];
            if (token.Kind == SqlTokenKind.Comment && inspectComments && IsLineComment(input, token) && i > 0
                && SqlInjectionDetector.IsHiddenInComment(token.Text(input)[(token.Text(input)[0] == '#' ? 1 : 2)..]))
            {
                // A newline ends a -- or # comment; once white space is compressed, SQL after it reads as comment text.
                return true;
            }
            if (token.Kind == SqlTokenKind.Operator && IsComparison(input, t, i) && IsConstantComparison(input, t, i))
            {
                return true;
            }
        }

        for (var i = 0; i < t.Length; i++)
        {
            var token = t[i];
            switch (token.Kind)
            {
                case SqlTokenKind.Evil:
                    return true;
                case SqlTokenKind.Union when IsSelectAfter(input, t, i + 1):
                    return true;
                case SqlTokenKind.Statement when token.Is(input, "select") && SelectLooksReal(input, t, i):
                    return true;
                case SqlTokenKind.Semicolon when StatementLooksReal(input, t, NextSignificant(t, i + 1)):
                    return true;
                case SqlTokenKind.Semicolon when i + 1 < t.Length && (t[i + 1].Is(input, "if") || t[i + 1].Is(input, "iif") || t[i + 1].Is(input, "begin")):
                    return true;
                case SqlTokenKind.Function when IsDangerousCall(input, t, i):
                    return true;
                case SqlTokenKind.Bareword or SqlTokenKind.Keyword or SqlTokenKind.Variable when IsStrongName(token.Text(input)):
                    return true;
                case SqlTokenKind.Keyword when (token.Is(input, "where") || token.Is(input, "having") || token.Is(input, "when")) && IsComparisonAt(input, t, i + 1):
                    return true;
                case SqlTokenKind.Keyword when token.Is(input, "case") && NextIs(input, t, i + 1, "when", "when"):
                    return true;
                case SqlTokenKind.Bareword when token.Is(input, "boolean") && NextIs(input, t, i + 1, "mode", "mode"):
                    return true;
                case SqlTokenKind.Function when Kind(t, i + 1) == SqlTokenKind.OpenParen && IsComparisonAt(input, t, i + 2):
                    // if(1=1, ...), iif(5257=5257, ...), elt(1=1, ...): a condition as the first argument.
                    return true;
                case SqlTokenKind.Clause when token.Is(input, "having") && IsComparisonAt(input, t, i + 1):
                    return true;
                case SqlTokenKind.Statement when token.Is(input, "waitfor") && NextIs(input, t, i + 1, "delay", "time"):
                    return true;
                case SqlTokenKind.Clause when token.Is(input, "procedure") && NextIs(input, t, i + 1, "analyse", "analyze"):
                    return true;
                default:
                    break;
            }
        }
        return StatementLooksReal(input, t, NextSignificant(t, 0));
    }

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

    // 1=1, 8=3, 'a'='a': a comparison between two constants decides nothing in a real query; injections use it as a switch.
    private static bool IsConstantComparison(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i)
    {
        if (i == 0 || i + 1 >= t.Length)
        {
            return false;
        }
        var left = t[i - 1];
        var right = t[i + 1];
        var op = t[i].Text(input);
        if (op is not ("=" or "<" or ">" or "<>" or "!=" or "<=" or ">=" or "=="))
        {
            return false;
        }
        if (left.Kind == SqlTokenKind.Number && right.Kind == SqlTokenKind.Number)
        {
            // "2+2=4" is arithmetic homework; "1 and 8=3" or "(8266=8266)" is a switch.
            return i < 2 || t[i - 2].Kind is not SqlTokenKind.Operator || i + 2 < t.Length;
        }
        return left.Kind == SqlTokenKind.String && right.Kind == SqlTokenKind.String && i >= 2 && t[i - 2].Kind == SqlTokenKind.Logic
            && left.Text(input).Trim("'\"").SequenceEqual(right.Text(input).Trim("'\""));
    }

    private static bool IsSelectAfter(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i)
    {
        for (; i < t.Length; i++)
        {
            var token = t[i];
            if (token.Kind is SqlTokenKind.Comment or SqlTokenKind.OpenParen
                || (token.Kind == SqlTokenKind.Keyword && (token.Is(input, "all") || token.Is(input, "distinct"))))
            {
                continue;
            }
            return token.Kind == SqlTokenKind.Statement && token.Is(input, "select")
                || (token.Kind == SqlTokenKind.Function && token.Is(input, "select"));
        }
        return false;
    }

    private static bool SelectLooksReal(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i)
    {
        var n = NextSignificant(t, i + 1);
        if (n < t.Length && IsUnary(input, t[n]))
        {
            n++;
        }
        if (n >= t.Length)
        {
            return false;
        }
        var next = t[n];
        if (next.Kind == SqlTokenKind.Keyword && (next.Is(input, "case") || next.Is(input, "null")))
        {
            return true;
        }
        if (next.Kind is SqlTokenKind.Function or SqlTokenKind.Variable or SqlTokenKind.OpenParen
            || (next.Kind == SqlTokenKind.Operator && next.Is(input, "*")))
        {
            return true;
        }
        if (next.Kind == SqlTokenKind.Keyword && (next.Is(input, "distinct") || next.Is(input, "all") || next.Is(input, "top")))
        {
            return true;
        }
        var after = NextSignificant(t, n + 1);
        var afterKind = after < t.Length ? t[after].Kind : SqlTokenKind.Unknown;
        if (next.Kind is SqlTokenKind.Number or SqlTokenKind.String)
        {
            return afterKind is SqlTokenKind.Comma or SqlTokenKind.Comment or SqlTokenKind.Union or SqlTokenKind.Semicolon
                or SqlTokenKind.CloseParen or SqlTokenKind.Logic or SqlTokenKind.Clause
                || (afterKind == SqlTokenKind.Keyword && t[after].Is(input, "from"));
        }
        if (next.Kind == SqlTokenKind.Bareword)
        {
            if (afterKind is SqlTokenKind.Comma || (afterKind == SqlTokenKind.Clause && ClauseLooksReal(input, t, after)))
            {
                return true;
            }
            while (afterKind == SqlTokenKind.Operator && after + 2 < t.Length && after < n + 8)
            {
                // select login/2 from ...: an expression before FROM.
                after = NextSignificant(t, after + 2);
                afterKind = after < t.Length ? t[after].Kind : SqlTokenKind.Unknown;
            }
            if (afterKind == SqlTokenKind.Keyword && t[after].Is(input, "from"))
            {
                // "select name from users where ..." reads as SQL; "select one from the list" does not.
                var table = NextSignificant(t, after + 1);
                var tail = NextSignificant(t, table + 1);
                return tail < t.Length && t[tail].Kind is SqlTokenKind.Keyword or SqlTokenKind.Clause or SqlTokenKind.Dot
                    or SqlTokenKind.Comment or SqlTokenKind.Semicolon or SqlTokenKind.CloseParen or SqlTokenKind.Union;
            }
        }
        return false;
    }

    private static bool StatementLooksReal(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i)
    {
        if (i >= t.Length || t[i].Kind != SqlTokenKind.Statement)
        {
            return false;
        }
        var statement = t[i];
        var n = NextSignificant(t, i + 1);
        var next = n < t.Length ? t[n] : default;
        var hasNext = n < t.Length;
        if (statement.Is(input, "select"))
        {
            return SelectLooksReal(input, t, i);
        }
        if (statement.Is(input, "shutdown"))
        {
            return !hasNext || next.Kind is SqlTokenKind.Comment or SqlTokenKind.Semicolon || next.Is(input, "with");
        }
        if (!hasNext)
        {
            return false;
        }
        if (statement.Is(input, "insert") || statement.Is(input, "replace"))
        {
            return next.Is(input, "into");
        }
        if (statement.Is(input, "delete"))
        {
            return next.Is(input, "from");
        }
        if (statement.Is(input, "update"))
        {
            var set = NextSignificant(t, n + 1);
            return next.Kind == SqlTokenKind.Bareword && set < t.Length && t[set].Is(input, "set");
        }
        if (statement.Is(input, "drop") || statement.Is(input, "create") || statement.Is(input, "alter") || statement.Is(input, "truncate"))
        {
            return next.Kind == SqlTokenKind.Keyword && (next.Is(input, "table") || next.Is(input, "database") || next.Is(input, "user")
                || next.Is(input, "procedure") || next.Is(input, "function") || next.Is(input, "view") || next.Is(input, "trigger")
                || next.Is(input, "index") || next.Is(input, "schema") || next.Is(input, "temporary"))
                || next.Is(input, "login") || next.Is(input, "proc");
        }
        if (statement.Is(input, "exec") || statement.Is(input, "execute"))
        {
            return next.Kind is SqlTokenKind.Variable or SqlTokenKind.Function or SqlTokenKind.OpenParen
                || (next.Kind is SqlTokenKind.Bareword or SqlTokenKind.Keyword && (next.Text(input).StartsWith("xp_", StringComparison.OrdinalIgnoreCase)
                    || next.Text(input).StartsWith("sp_", StringComparison.OrdinalIgnoreCase)
                    || next.Text(input).StartsWith("master", StringComparison.OrdinalIgnoreCase)));
        }
        if (statement.Is(input, "declare"))
        {
            return next.Kind == SqlTokenKind.Variable;
        }
        if (statement.Is(input, "waitfor"))
        {
            return next.Is(input, "delay") || next.Is(input, "time");
        }
        if (statement.Is(input, "grant") || statement.Is(input, "revoke"))
        {
            return next.Is(input, "all") || next.Is(input, "select") || next.Is(input, "execute");
        }
        return false;
    }

    private static bool ClauseLooksReal(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i)
    {
        var clause = t[i];
        var next = Kind(t, i + 1);
        if (clause.Is(input, "order") || clause.Is(input, "group"))
        {
            return i + 1 < t.Length && t[i + 1].Is(input, "by") && Kind(t, i + 2) is SqlTokenKind.Number or SqlTokenKind.Bareword
                or SqlTokenKind.Function or SqlTokenKind.OpenParen or SqlTokenKind.Variable or SqlTokenKind.String;
        }
        if (clause.Is(input, "limit"))
        {
            return next == SqlTokenKind.Number;
        }
        if (clause.Is(input, "having"))
        {
            return IsComparisonAt(input, t, i + 1);
        }
        if (clause.Is(input, "procedure"))
        {
            return next == SqlTokenKind.Function || next == SqlTokenKind.Bareword;
        }
        return false;
    }

    private static bool IsDangerousCall(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i)
    {
        var name = t[i].Text(input);
        var dot = name.LastIndexOf('.');
        if (dot > 0 && SqlKeywords.IsDangerousFunction(name[(dot + 1)..]) && name.Length > dot + 3)
        {
            // user_lock.sleep(5), dbms_lock.sleep(5), sys.xp_cmdshell(...)
            name = name[(dot + 1)..];
        }
        if (!SqlKeywords.IsDangerousFunction(name))
        {
            if ((name.Equals("char", StringComparison.OrdinalIgnoreCase) || name.Equals("chr", StringComparison.OrdinalIgnoreCase)
                || name.Equals("concat", StringComparison.OrdinalIgnoreCase))
                && Kind(t, i + 1) == SqlTokenKind.OpenParen && Kind(t, i + 2) is SqlTokenKind.Number or SqlTokenKind.Function or SqlTokenKind.Variable)
            {
                return true;
            }
            return false;
        }

        // Words that are ordinary English only count as a call with no arguments: user() but not user(s).
        if (name.Equals("user", StringComparison.OrdinalIgnoreCase) || name.Equals("database", StringComparison.OrdinalIgnoreCase)
            || name.Equals("version", StringComparison.OrdinalIgnoreCase) || name.Equals("schema", StringComparison.OrdinalIgnoreCase)
            || name.Equals("polygon", StringComparison.OrdinalIgnoreCase) || name.Equals("exp", StringComparison.OrdinalIgnoreCase))
        {
            return Kind(t, i + 1) == SqlTokenKind.OpenParen && (i + 2 >= t.Length || Kind(t, i + 2) == SqlTokenKind.CloseParen
                || Kind(t, i + 2) is SqlTokenKind.Statement or SqlTokenKind.OpenParen or SqlTokenKind.Operator);
        }
        return true;
    }

    private static bool IsStrongName(ReadOnlySpan<char> word)
    {
        word = word.Trim('`');
        if (SqlKeywords.IsStrongWord(word))
        {
            return true;
        }
        var dot = word.IndexOf('.');
        if (dot > 0 && SqlKeywords.IsStrongWord(word[..dot]))
        {
            return true;
        }
        return word.Length > 2 && word[0] == '@' && word[1] == '@' && char.IsAsciiLetter(word[2]);
    }

    private static bool IsExpressionStart(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i)
    {
        if (i < t.Length && IsUnary(input, t[i]))
        {
            i++;
        }
        return Kind(t, i) is SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable or SqlTokenKind.Function
            or SqlTokenKind.OpenParen or SqlTokenKind.Bareword or SqlTokenKind.Statement;
    }

    private static bool IsComparisonAt(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i)
    {
        if (i < t.Length && t[i].Kind == SqlTokenKind.OpenParen)
        {
            i++;
        }
        return i < t.Length && (IsOperand(t[i].Kind) || t[i].Kind == SqlTokenKind.Function) && IsComparison(input, t, i + 1);
    }

    private static bool IsComparison(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i)
    {
        if (i >= t.Length || t[i].Kind != SqlTokenKind.Operator)
        {
            return false;
        }
        var op = t[i].Text(input);
        return op is "=" or "<" or ">" or "<>" or "!=" or "<=" or ">=" or "<=>" or "==" or "!<" or "!>"
            || op.Equals("like", StringComparison.OrdinalIgnoreCase) || op.Equals("rlike", StringComparison.OrdinalIgnoreCase)
            || op.Equals("regexp", StringComparison.OrdinalIgnoreCase) || op.Equals("is", StringComparison.OrdinalIgnoreCase)
            || op.Equals("in", StringComparison.OrdinalIgnoreCase) || op.Equals("between", StringComparison.OrdinalIgnoreCase)
            || op.Equals("sounds", StringComparison.OrdinalIgnoreCase) || op.Equals("not", StringComparison.OrdinalIgnoreCase)
            || op.Equals("div", StringComparison.OrdinalIgnoreCase) || op.Equals("mod", StringComparison.OrdinalIgnoreCase)
            || op.Equals("glob", StringComparison.OrdinalIgnoreCase) || op.Equals("ilike", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsUnary(ReadOnlySpan<char> input, SqlToken token) =>
        token.Kind == SqlTokenKind.Operator && (token.Text(input) is "-" or "+" or "!" or "~" || token.Is(input, "not") || token.Is(input, "binary"));

    private static bool IsOperand(SqlTokenKind kind) =>
        kind is SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable or SqlTokenKind.Bareword;

    private static bool IsLineComment(ReadOnlySpan<char> input, SqlToken token) =>
        token.Text(input) is ['#', ..] or ['-', '-', ..];

    private static bool NextIs(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> t, int i, string first, string second)
    {
        i = NextSignificant(t, i);
        return i < t.Length && (t[i].Is(input, first) || t[i].Is(input, second));
    }

    private static int NextSignificant(ReadOnlySpan<SqlToken> t, int i)
    {
        while (i < t.Length && t[i].Kind == SqlTokenKind.Comment)
        {
            i++;
        }
        return i;
    }

    private static SqlTokenKind Kind(ReadOnlySpan<SqlToken> t, int i) => i < t.Length ? t[i].Kind : default;
}

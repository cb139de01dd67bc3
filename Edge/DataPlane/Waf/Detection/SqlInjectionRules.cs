namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>
/// Judges a token sequence: does it read as SQL that escapes the value it was meant to be? Two families of
/// rules: constructs with no innocent use wherever they appear (UNION SELECT, stacked statements, catalogue
/// names, delay functions, executable comments), and a break-out at the start of the value (a closing quote
/// or parenthesis followed by a logic operator, a comparison, a comment or a clause).
/// </summary>
internal static partial class SqlInjectionRules
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
                case SqlTokenKind.Bareword or SqlTokenKind.Keyword or SqlTokenKind.Variable or SqlTokenKind.Function when token.IsStrongName:
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
        if (op.Length == 1)
        {
            return op[0] is '=' or '<' or '>';
        }
        return op is "<>" or "!=" or "<=" or ">=" or "<=>" or "==" or "!<" or "!>"
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

namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>
/// A composite alarm's <c>AlarmRule</c>: <c>ALARM(name)</c>, <c>OK(name)</c>,
/// <c>INSUFFICIENT_DATA(name)</c>, <c>TRUE</c>, <c>FALSE</c>, combined with <c>AND</c>, <c>OR</c>,
/// <c>NOT</c> and parentheses (NOT binds tightest, then AND, then OR). Names may be double-quoted.
/// </summary>
public sealed class AlarmRuleExpression
{
    /// <summary>CloudWatch's bound on the rule's length.</summary>
    public const int MaxLength = 10240;

    private const int MaxDepth = 32;
    private const int MaxReferences = 100;

    private readonly Func<Func<string, string?>, bool> _evaluate;

    private AlarmRuleExpression(Func<Func<string, string?>, bool> evaluate, IReadOnlyList<string> references)
    {
        _evaluate = evaluate;
        References = references;
    }

    /// <summary>The alarms the rule names.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>Whether the rule holds, given each named alarm's state (null for an unknown alarm, which matches nothing).</summary>
    public bool Evaluate(Func<string, string?> stateOf) => _evaluate(stateOf);

    /// <summary>Parses a rule; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static AlarmRuleExpression Parse(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Length is 0 or > MaxLength)
        {
            throw new FormatException($"AlarmRule must be 1 to {MaxLength} characters.");
        }
        var parser = new Parser(rule);
        var evaluate = parser.Or(0);
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw new FormatException($"Unexpected text at position {parser.Position} of AlarmRule.");
        }
        return new AlarmRuleExpression(evaluate, parser.References);
    }

    private sealed class Parser(string text)
    {
        public int Position { get; private set; }

        public List<string> References { get; } = [];

        public bool AtEnd => Position >= text.Length;

        public Func<Func<string, string?>, bool> Or(int depth)
        {
            var left = And(depth);
            while (Keyword("OR"))
            {
                var (a, b) = (left, And(depth));
                left = s => a(s) || b(s);
            }
            return left;
        }

        private Func<Func<string, string?>, bool> And(int depth)
        {
            var left = Not(depth);
            while (Keyword("AND"))
            {
                var (a, b) = (left, Not(depth));
                left = s => a(s) && b(s);
            }
            return left;
        }

        private Func<Func<string, string?>, bool> Not(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new FormatException("AlarmRule is nested too deeply.");
            }
            if (Keyword("NOT"))
            {
                var inner = Not(depth + 1);
                return s => !inner(s);
            }
            SkipSpace();
            if (Take('('))
            {
                var inner = Or(depth + 1);
                Expect(')');
                return inner;
            }
            if (Keyword("TRUE"))
            {
                return _ => true;
            }
            if (Keyword("FALSE"))
            {
                return _ => false;
            }
            foreach (var state in new[] { AlarmStateValues.InsufficientData, AlarmStateValues.Alarm, AlarmStateValues.Ok })
            {
                if (Keyword(state))
                {
                    Expect('(');
                    var name = Name();
                    Expect(')');
                    if (References.Count >= MaxReferences)
                    {
                        throw new FormatException($"AlarmRule names more than {MaxReferences} alarms.");
                    }
                    References.Add(name);
                    return s => s(name) == state;
                }
            }
            throw new FormatException($"Expected ALARM(…), OK(…), INSUFFICIENT_DATA(…), TRUE, FALSE, NOT or ( at position {Position} of AlarmRule.");
        }

        private string Name()
        {
            SkipSpace();
            if (Take('"'))
            {
                var end = text.IndexOf('"', Position);
                if (end < 0)
                {
                    throw new FormatException("Unclosed quote in AlarmRule.");
                }
                var quoted = text[Position..end];
                Position = end + 1;
                return quoted.Length is > 0 and <= 255 ? quoted : throw new FormatException("Alarm names are 1 to 255 characters.");
            }
            var start = Position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[Position]) || text[Position] is '_' or '-' or '.' or ':'))
            {
                Position++;
            }
            return Position > start && Position - start <= 255 ? text[start..Position] : throw new FormatException($"Expected an alarm name at position {start} of AlarmRule.");
        }

        private bool Keyword(string keyword)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, Position, keyword, 0, keyword.Length) != 0)
            {
                return false;
            }
            var end = Position + keyword.Length;
            if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            {
                return false;
            }
            Position = end;
            return true;
        }

        private bool Take(char c)
        {
            if (!AtEnd && text[Position] == c)
            {
                Position++;
                return true;
            }
            return false;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (!Take(c))
            {
                throw new FormatException($"Expected '{c}' at position {Position} of AlarmRule.");
            }
        }

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }
    }
}

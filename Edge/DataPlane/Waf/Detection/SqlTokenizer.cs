namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>
/// Splits a value into SQL tokens the way a lenient SQL parser would, in one of three contexts: as a bare
/// value, or as the rest of a string literal that the application opened with a single or a double quote.
/// The idea of tokenizing input in each quoting context and judging the token sequence comes from
/// libinjection (Copyright 2012-2016 Nick Galbreath, 2021 LibInjection; BSD-3-Clause); this code is our own.
/// </summary>
internal ref struct SqlTokenizer
{
    private readonly ReadOnlySpan<char> _input;
    private char _openQuote;
    private int _position;

    /// <summary>Starts tokenizing <paramref name="input"/>; a non-zero <paramref name="openQuote"/> means the input starts inside a string literal opened with that quote.</summary>
    public SqlTokenizer(ReadOnlySpan<char> input, char openQuote)
    {
        _input = input;
        _openQuote = openQuote;
    }

    /// <summary>Reads the next token; false at the end of the input.</summary>
    public bool Next(out SqlToken token)
    {
        if (_openQuote != '\0')
        {
            var quote = _openQuote;
            _openQuote = '\0';
            token = ReadString(0, quote, contentStart: 0);
            return true;
        }

        var s = _input;
        while (_position < s.Length && IsWhite(s[_position]))
        {
            _position++;
        }
        if (_position >= s.Length)
        {
            token = default;
            return false;
        }

        var start = _position;
        var c = s[start];
        token = c switch
        {
            '\'' or '"' => ReadString(start, c, start + 1),
            '`' => ReadBacktick(start),
            '(' => Single(SqlTokenKind.OpenParen),
            ')' => Single(SqlTokenKind.CloseParen),
            ',' => Single(SqlTokenKind.Comma),
            ';' => Single(SqlTokenKind.Semicolon),
            '#' => ReadLineComment(start),
            '-' when Peek(1) == '-' => ReadLineComment(start),
            '/' when Peek(1) == '*' => ReadBlockComment(start),
            '@' => ReadVariable(start),
            '.' when IsDigit(Peek(1)) => ReadNumber(start),
            '.' => Single(SqlTokenKind.Dot),
            '{' or '}' or '[' or ']' or '\\' or '?' => Single(SqlTokenKind.Unknown),
            _ when IsDigit(c) => ReadNumber(start),
            _ when IsWordStart(c) => ReadWord(start),
            _ => ReadOperator(start),
        };
        return true;
    }

    private readonly char Peek(int ahead) =>
        _position + ahead < _input.Length ? _input[_position + ahead] : '\0';

    private SqlToken Single(SqlTokenKind kind)
    {
        _position++;
        return new SqlToken(kind, _position - 1, 1);
    }

    private SqlToken ReadString(int start, char quote, int contentStart)
    {
        var s = _input;
        var i = contentStart;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }
            if (c == quote)
            {
                // A doubled quote is an escaped quote inside the literal.
                if (i + 1 < s.Length && s[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            i++;
        }
        _position = Math.Min(i, s.Length);
        return new SqlToken(SqlTokenKind.String, start, _position - start);
    }

    private SqlToken ReadBacktick(int start)
    {
        var end = _input[(start + 1)..].IndexOf('`');
        _position = end < 0 ? _input.Length : start + end + 2;
        return new SqlToken(SqlTokenKind.Bareword, start, _position - start);
    }

    private SqlToken ReadLineComment(int start)
    {
        var end = _input[start..].IndexOf('\n');
        _position = end < 0 ? _input.Length : start + end + 1;
        return new SqlToken(SqlTokenKind.Comment, start, _position - start);
    }

    private SqlToken ReadBlockComment(int start)
    {
        var body = _input[(start + 2)..];
        var end = body.IndexOf("*/", StringComparison.Ordinal);
        var inner = end < 0 ? body : body[..end];
        _position = end < 0 ? _input.Length : start + 2 + end + 2;

        // MySQL runs the text of /*! ... */ as SQL, and nested comments exist only to confuse parsers.
        // Oracle's optimizer hints /*+ ... */ have no place in input either.
        var evil = (body.Length > 0 && body[0] is '!' or '+') || inner.TrimStart().StartsWith("+", StringComparison.Ordinal)
            || inner.IndexOf("/*", StringComparison.Ordinal) >= 0;
        return new SqlToken(evil ? SqlTokenKind.Evil : SqlTokenKind.Comment, start, _position - start);
    }

    private SqlToken ReadVariable(int start)
    {
        var i = start + 1;
        if (i < _input.Length && _input[i] == '@')
        {
            i++;
        }
        if (i < _input.Length && (_input[i] == '`' || _input[i] == '\'' || _input[i] == '"'))
        {
            var quote = _input[i];
            var end = _input[(i + 1)..].IndexOf(quote);
            i = end < 0 ? _input.Length : i + end + 2;
        }
        else
        {
            while (i < _input.Length && IsWordPart(_input[i]))
            {
                i++;
            }
        }
        _position = i;
        return new SqlToken(SqlTokenKind.Variable, start, i - start);
    }

    private SqlToken ReadNumber(int start)
    {
        var s = _input;
        var i = start;
        if (s[i] == '0' && i + 1 < s.Length && (s[i + 1] | 0x20) is 'x' or 'b')
        {
            var digits = i + 2;
            while (digits < s.Length && char.IsAsciiHexDigit(s[digits]))
            {
                digits++;
            }
            if (digits > i + 2)
            {
                _position = digits;
                return new SqlToken(SqlTokenKind.Number, start, digits - start);
            }
        }
        while (i < s.Length && (IsDigit(s[i]) || s[i] == '.'))
        {
            i++;
        }
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            var exponent = i + 1;
            if (exponent < s.Length && s[exponent] is '+' or '-')
            {
                exponent++;
            }
            if (exponent < s.Length && IsDigit(s[exponent]))
            {
                i = exponent;
                while (i < s.Length && IsDigit(s[i]))
                {
                    i++;
                }
            }
        }
        _position = i;
        return new SqlToken(SqlTokenKind.Number, start, i - start);
    }

    private SqlToken ReadWord(int start)
    {
        var s = _input;
        var i = start;
        while (i < s.Length && (IsWordPart(s[i]) || (s[i] == '.' && i + 1 < s.Length && IsWordStart(s[i + 1]))))
        {
            i++;
        }
        _position = i;
        var word = s[start..i];
        var kind = SqlKeywords.Classify(word) ?? SqlTokenKind.Bareword;
        if (kind is SqlTokenKind.Bareword or SqlTokenKind.Keyword or SqlTokenKind.Number && NextNonWhite() == '(')
        {
            kind = SqlTokenKind.Function;
        }
        return new SqlToken(kind, start, i - start);
    }

    private SqlToken ReadOperator(int start)
    {
        var s = _input;
        var c = s[start];
        var next = start + 1 < s.Length ? s[start + 1] : '\0';
        if ((c == '&' && next == '&') || (c == '|' && next == '|'))
        {
            _position = start + 2;
            return new SqlToken(SqlTokenKind.Logic, start, 2);
        }
        var length = (c, next) switch
        {
            ('<', '=') when start + 2 < s.Length && s[start + 2] == '>' => 3,
            ('<', '=') or ('>', '=') or ('<', '>') or ('!', '=') or (':', '=') or ('<', '<') or ('>', '>')
                or ('=', '=') or ('!', '<') or ('!', '>') or ('-', '>') => 2,
            _ => 1,
        };
        _position = start + length;
        return new SqlToken(SqlTokenKind.Operator, start, length);
    }

    private readonly char NextNonWhite()
    {
        for (var i = _position; i < _input.Length; i++)
        {
            if (!IsWhite(_input[i]))
            {
                return _input[i];
            }
        }
        return '\0';
    }

    private static bool IsWhite(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\u00a0' or '\0';

    private static bool IsDigit(char c) => char.IsAsciiDigit(c);

    private static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$' || c >= '\u0080';

    private static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c >= '\u0080';
}

using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Text;

namespace OrleansGateway.Edge.DataPlane.Waf.Transformations;

/// <summary>
/// Applies WAFv2 text transformations. Each returns its input unchanged (the same string, no
/// allocation) when there is nothing to transform, which is the common case for benign traffic.
/// </summary>
internal static class TextTransformer
{
    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create("\t\n\v\f\r \u00a0");
    private static readonly SearchValues<char> CommandLineNoise = SearchValues.Create("\\\"'^,;\t\n\v\f\r \u00a0");

    /// <summary>WAFv2 names (<c>URL_DECODE</c>, ...) to types; null for a name the engine does not know.</summary>
    public static TextTransformationType? Parse(string? name) => name switch
    {
        "NONE" => TextTransformationType.None,
        "URL_DECODE" => TextTransformationType.UrlDecode,
        "URL_DECODE_UNI" => TextTransformationType.UrlDecodeUni,
        "HTML_ENTITY_DECODE" => TextTransformationType.HtmlEntityDecode,
        "LOWERCASE" => TextTransformationType.Lowercase,
        "COMPRESS_WHITE_SPACE" => TextTransformationType.CompressWhiteSpace,
        "NORMALIZE_PATH" => TextTransformationType.NormalizePath,
        "NORMALIZE_PATH_WIN" => TextTransformationType.NormalizePathWin,
        "CMD_LINE" => TextTransformationType.CmdLine,
        "REMOVE_NULLS" => TextTransformationType.RemoveNulls,
        "BASE64_DECODE" => TextTransformationType.Base64Decode,
        "JS_DECODE" => TextTransformationType.JsDecode,
        "REPLACE_COMMENTS" => TextTransformationType.ReplaceComments,
        _ => null,
    };

    // ASCII other than what URL decoding ('%', '+'), HTML entity decoding ('&'), white space compression (white
    // space other than ' ') or lowercasing (A-Z) acts on.
    private static readonly SearchValues<char> Untouched = SearchValues.Create(AsciiWhere(c => !IsActedOn(c) && !char.IsAsciiLetterUpper(c)));

    private static readonly SearchValues<char> UntouchedOrUpperCase = SearchValues.Create(AsciiWhere(c => !IsActedOn(c)));

    private static bool IsActedOn(char c) => c is '%' or '+' or '&' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static string AsciiWhere(Func<char, bool> keep) => string.Concat(Enumerable.Range(0, 128).Select(c => (char)c).Where(keep));

    /// <summary>
    /// True when the two chains give the same result for every value <see cref="OnlyCaseCanChange"/> accepts: both
    /// are made of the core steps, and both lowercase or neither does (on such a value every other core step
    /// returns its input).
    /// </summary>
    public static bool AreTwins(TextTransformationType[] first, TextTransformationType[] second) =>
        IsCoreChain(first) && IsCoreChain(second)
        && first.Contains(TextTransformationType.Lowercase) == second.Contains(TextTransformationType.Lowercase);

    /// <summary>True when, of the core steps, only lowercasing can change <paramref name="value"/> (it is ASCII, with none of <c>% + &amp;</c> and no white space to compress).</summary>
    public static bool OnlyCaseCanChange(string value) =>
        value.AsSpan().IndexOfAnyExcept(UntouchedOrUpperCase) < 0 && !value.Contains("  ", StringComparison.Ordinal);

    /// <summary>Applies <paramref name="chain"/> in order.</summary>
    public static string Apply(string value, TextTransformationType[] chain)
    {
        if (IsUnchangedBy(value, chain))
        {
            return value;
        }
        foreach (var step in chain)
        {
            value = Apply(value, step);
        }
        return value;
    }

    // The core rules' chains (URL decode, HTML entity decode, compress white space, lowercase) leave most benign
    // values as they are; one vectorised scan says so instead of one scan per step. Each of those steps returns its
    // input when it holds none of the characters the step acts on (and, for compression, no two spaces in a row).
    private static bool IsUnchangedBy(string value, TextTransformationType[] chain) =>
        IsCoreChain(chain) && value.AsSpan().IndexOfAnyExcept(Untouched) < 0 && !value.Contains("  ", StringComparison.Ordinal);

    private static bool IsCoreChain(TextTransformationType[] chain)
    {
        foreach (var step in chain)
        {
            if (step is not (TextTransformationType.None or TextTransformationType.UrlDecode or TextTransformationType.UrlDecodeUni
                or TextTransformationType.HtmlEntityDecode or TextTransformationType.Lowercase or TextTransformationType.CompressWhiteSpace))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Applies one transformation.</summary>
    public static string Apply(string value, TextTransformationType type) => type switch
    {
        TextTransformationType.UrlDecode => UrlDecode(value, unicode: false),
        TextTransformationType.UrlDecodeUni => UrlDecode(value, unicode: true),
        TextTransformationType.HtmlEntityDecode => value.Contains('&') ? WebUtility.HtmlDecode(value) : value,
        TextTransformationType.Lowercase => Lowercase(value),
        TextTransformationType.CompressWhiteSpace => CompressWhiteSpace(value),
        TextTransformationType.NormalizePath => NormalizePath(value),
        TextTransformationType.NormalizePathWin => NormalizePath(value.Replace('\\', '/')),
        TextTransformationType.CmdLine => CommandLine(value),
        TextTransformationType.RemoveNulls => value.Contains('\0') ? value.Replace("\0", string.Empty, StringComparison.Ordinal) : value,
        TextTransformationType.Base64Decode => Base64Decode(value),
        TextTransformationType.JsDecode => JsDecode(value),
        TextTransformationType.ReplaceComments => ReplaceComments(value),
        _ => value,
    };

    private static string Lowercase(string value)
    {
        // Most values are ASCII: two vectorised scans say "no upper-case letter" without a per-character call.
        if (Ascii.IsValid(value))
        {
            return value.AsSpan().IndexOfAnyInRange('A', 'Z') < 0 ? value : value.ToLowerInvariant();
        }
        foreach (var c in value)
        {
            if (char.IsUpper(c))
            {
                return value.ToLowerInvariant();
            }
        }
        return value;
    }

    /// <summary>
    /// %XX (and, for URL_DECODE_UNI, %uXXXX) decoded as UTF-8, '+' as a space; malformed escapes
    /// are kept as written, as ModSecurity's urlDecode does, so an attacker cannot hide a payload
    /// behind one bad escape.
    /// </summary>
    private static string UrlDecode(string value, bool unicode)
    {
        if (value.AsSpan().IndexOfAny('%', '+') < 0)
        {
            return value;
        }
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '+')
                {
                    bytes[length++] = (byte)' ';
                }
                else if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
                {
                    bytes[length++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                    i += 2;
                }
                else if (unicode && c == '%' && i + 5 < value.Length && (value[i + 1] is 'u' or 'U')
                    && IsHex(value[i + 2]) && IsHex(value[i + 3]) && IsHex(value[i + 4]) && IsHex(value[i + 5]))
                {
                    var code = (char)((HexValue(value[i + 2]) << 12) | (HexValue(value[i + 3]) << 8) | (HexValue(value[i + 4]) << 4) | HexValue(value[i + 5]));
                    length += Encoding.UTF8.GetBytes([code], bytes.AsSpan(length));
                    i += 5;
                }
                else
                {
                    length += Encoding.UTF8.GetBytes([c], bytes.AsSpan(length));
                }
            }
            return Encoding.UTF8.GetString(bytes, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static string CompressWhiteSpace(string value)
    {
        var first = FirstWhiteSpaceToCompress(value);
        if (first < 0)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length);
        builder.Append(value, 0, first);
        var inSpace = false;
        for (var i = first; i < value.Length; i++)
        {
            if (WhiteSpace.Contains(value[i]))
            {
                if (!inSpace)
                {
                    builder.Append(' ');
                }
                inSpace = true;
            }
            else
            {
                builder.Append(value[i]);
                inSpace = false;
            }
        }
        return builder.ToString();
    }

    /// <summary>Where compressing changes something (white space other than a single space), or -1.</summary>
    private static int FirstWhiteSpaceToCompress(string value)
    {
        var span = value.AsSpan();
        var offset = 0;
        while (true)
        {
            var index = span.IndexOfAny(WhiteSpace);
            if (index < 0)
            {
                return -1;
            }
            if (span[index] != ' ' || (index + 1 < span.Length && WhiteSpace.Contains(span[index + 1])))
            {
                return offset + index;
            }
            offset += index + 1;
            span = span[(index + 1)..];
        }
    }

    /// <summary>Removes repeated slashes, "/./" and "/x/../" (never above the root).</summary>
    private static string NormalizePath(string value)
    {
        if (!value.Contains("//", StringComparison.Ordinal) && !value.Contains("/.", StringComparison.Ordinal) && !value.StartsWith('.'))
        {
            return value;
        }
        var segments = new List<string>();
        var rooted = value.StartsWith('/');
        foreach (var segment in value.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                continue;
            }
            segments.Add(segment);
        }
        var normalized = string.Join('/', segments);
        if (rooted)
        {
            normalized = "/" + normalized;
        }
        if (value.EndsWith('/') && normalized.Length > 0 && !normalized.EndsWith('/'))
        {
            normalized += "/";
        }
        return normalized;
    }

    /// <summary>
    /// WAFv2 CMD_LINE: deletes \ " ' ^, turns , ; and white space into one space, deletes spaces
    /// before / and (, lowercases.
    /// </summary>
    private static string CommandLine(string value)
    {
        if (value.AsSpan().IndexOfAny(CommandLineNoise) < 0)
        {
            return Lowercase(value);
        }
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '\'' or '^')
            {
                continue;
            }
            if (c is ',' or ';' || WhiteSpace.Contains(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && c is not ('/' or '('))
            {
                builder.Append(' ');
            }
            pendingSpace = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        if (pendingSpace)
        {
            builder.Append(' ');
        }
        return builder.ToString();
    }

    /// <summary>Base64 decoded as UTF-8; a value that is not base64 is inspected as written.</summary>
    private static string Base64Decode(string value)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(value.Length) + 3);
        try
        {
            return Convert.TryFromBase64String(value, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : value;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>JavaScript escapes: \xHH, \uHHHH, \n \t \r \b \f \v \0 and \c for any other c.</summary>
    private static string JsDecode(string value)
    {
        var first = value.IndexOf('\\');
        if (first < 0)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length);
        builder.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\' || i + 1 >= value.Length)
            {
                builder.Append(c);
                continue;
            }
            var next = value[i + 1];
            if (next == 'x' && i + 3 < value.Length && IsHex(value[i + 2]) && IsHex(value[i + 3]))
            {
                builder.Append((char)((HexValue(value[i + 2]) << 4) | HexValue(value[i + 3])));
                i += 3;
            }
            else if (next == 'u' && i + 5 < value.Length && IsHex(value[i + 2]) && IsHex(value[i + 3]) && IsHex(value[i + 4]) && IsHex(value[i + 5]))
            {
                builder.Append((char)((HexValue(value[i + 2]) << 12) | (HexValue(value[i + 3]) << 8) | (HexValue(value[i + 4]) << 4) | HexValue(value[i + 5])));
                i += 5;
            }
            else
            {
                builder.Append(next switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\b',
                    'f' => '\f',
                    'v' => '\v',
                    '0' => '\0',
                    _ => next,
                });
                i++;
            }
        }
        return builder.ToString();
    }

    /// <summary>Each C-style comment (an unterminated one runs to the end) becomes one space.</summary>
    private static string ReplaceComments(string value)
    {
        var start = value.IndexOf("/*", StringComparison.Ordinal);
        if (start < 0)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length);
        var position = 0;
        while (start >= 0)
        {
            builder.Append(value, position, start - position).Append(' ');
            var end = value.IndexOf("*/", start + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                return builder.ToString();
            }
            position = end + 2;
            start = value.IndexOf("/*", position, StringComparison.Ordinal);
        }
        builder.Append(value, position, value.Length - position);
        return builder.ToString();
    }
}

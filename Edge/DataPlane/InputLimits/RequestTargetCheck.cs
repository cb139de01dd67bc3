using System.Text.Unicode;

namespace OrleansGateway.Edge.DataPlane.InputLimits;

/// <summary>Why a request target was refused, and with which status.</summary>
internal enum RequestTargetProblem
{
    None,

    /// <summary>Bad percent-encoding or invalid UTF-8 once decoded: 400.</summary>
    BadEncoding,

    /// <summary>Too many query parameters or one too long: 400.</summary>
    BadQuery,

    /// <summary>Query string, path segment or segment count over its limit: 414.</summary>
    TooLong,
}

/// <summary>
/// Checks the raw request target (as the client sent it, before the server decoded anything): sizes
/// and counts, and that every <c>%XX</c> run decodes to valid UTF-8. Kestrel leaves an invalid
/// sequence such as <c>%FF</c> undecoded in the path, and the forwarder would then send it on
/// re-encoded as <c>%25FF</c>: a different URL than the client's.
/// </summary>
internal static class RequestTargetCheck
{
    public static RequestTargetProblem Check(ReadOnlySpan<char> rawTarget, InputLimitsOptions limits)
    {
        // Absolute form (a proxy-style request line): the target starts after the authority.
        if (!rawTarget.IsEmpty && rawTarget[0] != '/')
        {
            var scheme = rawTarget.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                var afterAuthority = rawTarget[(scheme + 3)..].IndexOfAny('/', '?');
                rawTarget = afterAuthority < 0 ? [] : rawTarget[(scheme + 3 + afterAuthority)..];
            }
        }
        var question = rawTarget.IndexOf('?');
        var path = question < 0 ? rawTarget : rawTarget[..question];
        var query = question < 0 ? [] : rawTarget[(question + 1)..];

        var problem = CheckPath(path, limits);
        return problem != RequestTargetProblem.None ? problem : CheckQuery(query, limits);
    }

    private static RequestTargetProblem CheckPath(ReadOnlySpan<char> path, InputLimitsOptions limits)
    {
        var segments = 0;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.IsEmpty)
            {
                continue;
            }
            if (++segments > limits.MaxPathSegments || segment.Length > limits.MaxPathSegmentBytes)
            {
                return RequestTargetProblem.TooLong;
            }
            if (!IsWellEncoded(segment))
            {
                return RequestTargetProblem.BadEncoding;
            }
        }
        return RequestTargetProblem.None;
    }

    private static RequestTargetProblem CheckQuery(ReadOnlySpan<char> query, InputLimitsOptions limits)
    {
        if (query.Length > limits.MaxQueryStringBytes)
        {
            return RequestTargetProblem.TooLong;
        }
        var parameters = 0;
        foreach (var range in query.Split('&'))
        {
            var parameter = query[range];
            if (parameter.IsEmpty)
            {
                continue;
            }
            if (++parameters > limits.MaxQueryParameters || parameter.Length > limits.MaxQueryParameterBytes)
            {
                return RequestTargetProblem.BadQuery;
            }
            if (!IsWellEncoded(parameter))
            {
                return RequestTargetProblem.BadEncoding;
            }
        }
        return RequestTargetProblem.None;
    }

    /// <summary>
    /// True when every <c>%</c> starts a two-hex-digit escape and each run of escapes decodes to
    /// valid UTF-8 (no overlong forms, no surrogates, no truncated sequences). A run ends at the
    /// first plain character, which is ASCII, so a multi-byte character can only lie inside a run.
    /// </summary>
    internal static bool IsWellEncoded(ReadOnlySpan<char> text)
    {
        var first = text.IndexOf('%');
        if (first < 0)
        {
            return true;
        }
        Span<byte> run = stackalloc byte[128];
        var length = 0;
        for (var i = first; i < text.Length;)
        {
            if (text[i] != '%')
            {
                if (length > 0 && !Utf8.IsValid(run[..length]))
                {
                    return false;
                }
                length = 0;
                i++;
                continue;
            }
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                return false;
            }
            if (length == run.Length)
            {
                // A full buffer may end inside a character: check up to the last complete one.
                var complete = LastCharacterBoundary(run);
                if (!Utf8.IsValid(run[..complete]))
                {
                    return false;
                }
                run[complete..].CopyTo(run);
                length -= complete;
                if (complete == 0)
                {
                    return false;
                }
            }
            run[length++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
            i += 3;
        }
        return length == 0 || Utf8.IsValid(run[..length]);
    }

    /// <summary>The index of the last lead byte (or the length when the run ends on an ASCII byte).</summary>
    private static int LastCharacterBoundary(ReadOnlySpan<byte> bytes)
    {
        for (var i = bytes.Length - 1; i >= Math.Max(0, bytes.Length - 4); i--)
        {
            if ((bytes[i] & 0xC0) != 0x80)
            {
                return bytes[i] < 0x80 ? bytes.Length : i;
            }
        }
        return bytes.Length;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

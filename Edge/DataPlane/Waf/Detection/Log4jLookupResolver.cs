namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>
/// Evaluates Log4j 2 lookups the way Log4j would before it reaches the JNDI lookup, so that the obfuscated forms
/// of CVE-2021-44228 (<c>${${lower:j}ndi:</c>, <c>${${::-j}${::-n}di:</c>, <c>${env:NOPE:-j}</c>, <c>${upper:j}</c>,
/// <c>${date:'j'}</c>) reduce to <c>${jndi:</c>.
/// </summary>
internal static class Log4jLookupResolver
{
    // Attack strings are short; bounding the work keeps a hostile value from costing more than a few microseconds.
    private const int MaxExamined = 2048;
    private const int MaxDepth = 16;

    /// <summary>True when <paramref name="value"/> holds a lookup that resolves to a JNDI lookup.</summary>
    public static bool HasJndiLookup(ReadOnlySpan<char> value)
    {
        var at = value.IndexOf("${", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }
        value = value[at..];
        if (value.Length > MaxExamined)
        {
            value = value[..MaxExamined];
        }
        Span<char> resolved = stackalloc char[MaxExamined];
        var position = 0;
        while (position < value.Length)
        {
            var next = value[position..].IndexOf("${", StringComparison.Ordinal);
            if (next < 0)
            {
                return false;
            }
            position += next + 2;
            var length = Resolve(value, ref position, resolved, 0);
            var text = resolved[..length].TrimStart();
            if (text.StartsWith("jndi", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    // Resolves the lookup whose body starts at position (just after "${"); writes what Log4j would read as the
    // lookup's name and arguments, and leaves position after the closing brace.
    private static int Resolve(ReadOnlySpan<char> s, ref int position, Span<char> output, int depth)
    {
        Span<char> body = stackalloc char[Math.Min(output.Length, 256)];
        Span<char> inner = stackalloc char[64];
        var length = 0;
        while (position < s.Length)
        {
            var c = s[position];
            if (c == '}')
            {
                position++;
                break;
            }
            if (c == '$' && position + 1 < s.Length && s[position + 1] == '{' && depth < MaxDepth)
            {
                position += 2;
                var innerLength = Resolve(s, ref position, inner, depth + 1);
                var evaluated = Evaluate(inner[..innerLength]);
                foreach (var e in evaluated)
                {
                    if (length < body.Length)
                    {
                        body[length++] = e;
                    }
                }
                continue;
            }
            if (length < body.Length)
            {
                body[length++] = c;
            }
            position++;
        }
        var written = Math.Min(length, output.Length);
        body[..written].CopyTo(output);
        return written;
    }

    // What an inner lookup turns into: ${lower:x} -> x, ${::-x} and ${anything:-x} -> x (the default), ${date:'x'} -> x.
    private static ReadOnlySpan<char> Evaluate(ReadOnlySpan<char> lookup)
    {
        var defaultAt = lookup.IndexOf(":-", StringComparison.Ordinal);
        if (defaultAt >= 0)
        {
            return lookup[(defaultAt + 2)..];
        }
        var colon = lookup.IndexOf(':');
        if (colon < 0)
        {
            return lookup;
        }
        var argument = lookup[(colon + 1)..];
        return argument.Trim('\'');
    }
}

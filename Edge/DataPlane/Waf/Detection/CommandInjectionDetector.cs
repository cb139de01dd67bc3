using System.Buffers;
using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects OS command injection in a value the WAF has already transformed.</summary>
/// <remarks>
/// Modelled on OWASP CRS 932: a known Unix or Windows command at a place where a shell starts a command (after
/// <c>; | &amp; ` $( </c> or a newline, or at the start of the value with an option or a path after it), once
/// the quoting tricks shells ignore (<c>w'h'o"am"i</c>, <c>c\at</c>, <c>$IFS</c>, <c>^</c>) are removed.
/// Also shell-only fragments anywhere (<c>/bin/sh</c>, <c>${IFS}</c>, <c>/dev/tcp/</c>, shellshock's <c>() {</c>).
/// Linear in the value's length.
/// </remarks>
public static class CommandInjectionDetector
{
    private const int StackChars = 512;

    internal static readonly string[] ShellFragmentSignatures =
        [
            "/bin/", "/sbin/", "/dev/tcp/", "/dev/udp/", "cmd.exe", "cmd /c", "cmd/c", "powershell", "() {", "(){",
            "system32\\", "system32/", ">/dev/null", "2>&1", "bash -", "sh -c", "sh -i", "nc -e", "nc -l", "ncat -e",
            "/etc/passwd", "/etc/shadow", "${ifs", "$ifs", "wget http", "curl http", "wget ftp", "curl -", "wget -",
            "|base64", "| base64", "mkfifo", "invoke-expression", "downloadstring(", "system.net.webclient",
            "-encodedcommand", "-enc ", "-nop ", "-noprofile", "-executionpolicy", "iex(", "iex (", "xp_cmdshell",
            "/???/", "/??", "$(", "`", "${", "<(", ">(", "<<<", "/dev/shm", "/proc/self", "exec 5<>", ":;};", "-wrapper", "system('", "system(\"",
            "passthru(", "shell_exec(", "popen(", "proc_open(", "pcntl_exec(", "system(", "$shell", "invoke-webrequest",
            "invoke-restmethod", "start-process", "new-object", "downloadfile(",
        ];

    private static readonly SearchValues<string> ShellFragments = SearchValues.Create(ShellFragmentSignatures, StringComparison.OrdinalIgnoreCase);

    // The fragments a plain value (PlainValue) can hold.
    internal static readonly string[] PlainSignatureList = PlainValue.Subset(ShellFragmentSignatures);

    private static readonly SearchValues<string> PlainShellFragments = SearchValues.Create(PlainSignatureList, StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> Separators = SearchValues.Create(";|&`\n\r");

    // Words that run the command after them (time whoami, sudo -u x id, nohup sh ...).
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CommandPrefixes = FrozenSet.Create(StringComparer.Ordinal,
        "time", "sudo", "nohup", "env", "exec", "nice", "timeout", "xargs", "watch", "strace", "ltrace", "doas", "command", "builtin", "busybox",
        "flock", "cpulimit", "stdbuf", "unbuffer", "chroot", "setsid", "ionice", "taskset").GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when <paramref name="value"/> looks like OS command injection.</summary>
    public static bool IsCommandInjection(ReadOnlySpan<char> value) => IsCommandInjection(value, PlainValue.ShapeOf(value));

    /// <summary><see cref="IsCommandInjection(ReadOnlySpan{char})"/> for a value whose shape is known.</summary>
    internal static bool IsCommandInjection(ReadOnlySpan<char> value, ValueShape shape)
    {
        if (!value.IsEmpty && shape != ValueShape.Other && (shape == ValueShape.PlainWithoutSignature || !value.ContainsAny(PlainShellFragments))
            && !StartsWithBatchKeyword(value))
        {
            // A plain value is already in normal form (lower case, nothing a shell removes) and has no separator, no
            // '$', '~', '!' or '{': of the checks below only a command at its start can match.
            return HasCommandAtCommandPosition(value);
        }
        return IsCommandInjectionUnfiltered(value);
    }

    /// <summary>The checks themselves, without the plain-value shortcut (tests compare the two).</summary>
    internal static bool IsCommandInjectionUnfiltered(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }
        char[]? rented = null;
        // Sized to the value: the runtime zeroes every stackalloc, and most values are a few characters long.
        var buffer = value.Length <= StackChars ? stackalloc char[value.Length] : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        try
        {
            var normalized = Normalize(value, buffer);
            return normalized.ContainsAny(ShellFragments) || HasCommandAtCommandPosition(normalized) || ShellSyntax.IsPresent(normalized)
                || value.Contains("$[", StringComparison.Ordinal);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Windows FOR/IF and alias count only where a command starts; in a plain value that is its start, after
    // spaces and '@' (ShellSyntax skips both before a keyword).
    private static bool StartsWithBatchKeyword(ReadOnlySpan<char> value)
    {
        var start = value.TrimStart(" \t@");
        foreach (var keyword in ShellSyntax.BatchKeywordNames)
        {
            if (start.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    // Lower-cases and removes what a shell removes before it runs a word: quotes, escapes, carets, $@ and $IFS.
    private static Span<char> Normalize(ReadOnlySpan<char> value, Span<char> buffer)
    {
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = char.ToLowerInvariant(value[i]);
            switch (c)
            {
                case '\'' or '"' or '^' or '[' or ']':
                    continue;
                case '+':
                    // A query string's space; no command needs a literal plus to run.
                    buffer[length++] = ' ';
                    break;
                case '\\' when i + 1 < value.Length && char.IsAsciiLetter(value[i + 1]):
                    continue;
                case '$' when i + 1 < value.Length && value[i + 1] is '@' or '*' || (i + 1 < value.Length && char.IsAsciiDigit(value[i + 1]) && i + 2 < value.Length && char.IsAsciiLetter(value[i + 2])):
                    i++;
                    continue;
                default:
                    buffer[length++] = c;
                    break;
            }
        }
        return buffer[..length];
    }

    private static bool HasCommandAtCommandPosition(ReadOnlySpan<char> s)
    {
        var first = 0;
        while (first < s.Length && s[first] is ' ' or '\t')
        {
            first++;
        }
        if (LooksLikeCommand(s, first, afterSeparator: false))
        {
            return true;
        }
        var offset = 0;
        while (true)
        {
            var next = s[offset..].IndexOfAny(Separators);
            if (next < 0)
            {
                return false;
            }
            var start = offset + next + 1;
            while (start < s.Length && (s[start] is ' ' or '\t' or '{' or '(' or '<' or '>' || Separators.Contains(s[start])))
            {
                start++;
            }
            if (LooksLikeCommand(s, start, afterSeparator: true))
            {
                return true;
            }
            offset = start;
            if (offset >= s.Length)
            {
                return false;
            }
        }
    }

    private static bool LooksLikeCommand(ReadOnlySpan<char> s, int start, bool afterSeparator)
    {
        if (start >= s.Length)
        {
            return false;
        }

        // A path to the program (/usr/bin/id, c:\windows\system32\net.exe): judge the file name.
        var end = start;
        var nameStart = start;
        while (end < s.Length && IsWordChar(s[end]))
        {
            if (s[end] is '/' or '\\')
            {
                nameStart = end + 1;
            }
            end++;
        }
        var name = s[nameStart..end];
        if (name.IsEmpty)
        {
            return false;
        }
        if (IsCommandPrefix(name) && end < s.Length && s[end] is ' ' or '\t' or ';')
        {
            // time whoami, sudo id, nohup sh: judge the command the prefix runs, skipping its options.
            var next = end + 1;
            while (next < s.Length && (s[next] is ' ' or '\t' or ';'))
            {
                next++;
            }
            while (next < s.Length && s[next] == '-')
            {
                while (next < s.Length && s[next] is not (' ' or '\t'))
                {
                    next++;
                }
                while (next < s.Length && s[next] is ' ' or '\t')
                {
                    next++;
                }
            }
            if (next < s.Length && LooksLikeCommand(s, next, afterSeparator: true))
            {
                return true;
            }
        }
        if (name.EndsWith(".exe", StringComparison.Ordinal) && name.Length > 4)
        {
            name = name[..^4];
        }
        var known = ShellCommands.IsCommand(name);
        var dash = name.IndexOf('-');
        if (!known && dash > 1 && ShellCommands.IsCommand(name[..dash]) && !ShellCommands.IsAmbiguous(name[..dash]))
        {
            // Tool families: ansible-galaxy, chef-shell, rmt-tar, ssh-copy-id.
            known = true;
            name = name[..dash];
        }
        if (!known)
        {
            return false;
        }
        var ambiguous = ShellCommands.IsAmbiguous(name);
        if (ambiguous && afterSeparator && end >= s.Length && ShellCommands.IsBareProbe(name))
        {
            // ;id, |ls, ;env: the probes an injection tries first, with nothing after them.
            return true;
        }
        if (!ambiguous && (afterSeparator || end >= s.Length || s[end] is ' ' or '\t' || Separators.Contains(s[end])))
        {
            return true;
        }

        // An everyday word needs what follows to look like a command line: an option, a path, a variable.
        if (end >= s.Length)
        {
            return false;
        }
        if (Separators.Contains(s[end]) && (afterSeparator || ShellCommands.IsBareProbe(name)))
        {
            return true;
        }
        if (s[end] is not (' ' or '\t' or ',' or '<' or '>'))
        {
            return false;
        }
        var arg = end + 1;
        while (arg < s.Length && s[arg] is ' ' or '\t')
        {
            arg++;
        }
        if (arg >= s.Length)
        {
            return false;
        }
        var first = s[arg];
        var second = arg + 1 < s.Length ? s[arg + 1] : '\0';
        return first is '/' or '\\' or '$' or '~' or '%' or '`'
            || (first == '-' && (char.IsAsciiLetter(second) || second == '-'))
            || (char.IsAsciiLetter(first) && second == ':')
            || (afterSeparator && (char.IsAsciiDigit(first) || first == '.' || s[end] is '<' or '>'));
    }

    private static bool IsCommandPrefix(ReadOnlySpan<char> name) => CommandPrefixes.Contains(name);

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '\\' or ':';
}

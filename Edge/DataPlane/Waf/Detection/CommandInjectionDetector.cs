using System.Buffers;
using System.Text.RegularExpressions;

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

    private static readonly SearchValues<string> ShellFragments = SearchValues.Create(
        [
            "/bin/", "/sbin/", "/dev/tcp/", "/dev/udp/", "cmd.exe", "cmd /c", "cmd/c", "powershell", "() {", "(){",
            "system32\\", "system32/", ">/dev/null", "2>&1", "bash -", "sh -c", "sh -i", "nc -e", "nc -l", "ncat -e",
            "/etc/passwd", "/etc/shadow", "${ifs", "$ifs", "wget http", "curl http", "wget ftp", "curl -", "wget -",
            "|base64", "| base64", "mkfifo", "invoke-expression", "downloadstring(", "system.net.webclient",
            "-encodedcommand", "-enc ", "-nop ", "-noprofile", "-executionpolicy", "iex(", "iex (", "xp_cmdshell",
            "/???/", "/??", "$(", "`", "${", "<(", ">(", "<<<", "/dev/shm", "/proc/self", "exec 5<>", ":;};", "-wrapper", "system('", "system(\"",
            "passthru(", "shell_exec(", "popen(", "proc_open(", "pcntl_exec(", "system(", "$shell", "invoke-webrequest",
            "invoke-restmethod", "start-process", "new-object", "downloadfile(",
        ],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> Separators = SearchValues.Create(";|&`\n\r");

    // Windows batch control flow and the alias builtin (CRS 932140, 932175), tried only where a command starts and on
    // at most 200 characters, with NonBacktracking so the cost stays linear whatever the input.
    private static readonly Regex BatchSyntax = new(
        """\A(?:for\s+(?:/[a-z][^%\n]{0,100})?%{1,2}\S{0,20}\s+in\s*\(|if\s*(?:/i\s*)?(?:not\s+)?(?:(?:exist|defined|errorlevel|cmdextversion)\s+\S|[^\n]{1,60}?\s*(?:==|\s(?:equ|neq|lss|leq|gtr|geq)\s))|alias\s+(?:[-+]\S*\s+)*\S+=)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static readonly SearchValues<string> BatchKeywords = SearchValues.Create(["for", "if", "alias"], StringComparison.OrdinalIgnoreCase);

    // Words that run the command after them (time whoami, sudo -u x id, nohup sh ...).
    private static readonly string[] CommandPrefixes = ["time", "sudo", "nohup", "env", "exec", "nice", "timeout", "xargs", "watch", "strace", "ltrace", "doas", "command", "builtin", "busybox", "flock", "cpulimit", "stdbuf", "unbuffer", "chroot", "setsid", "ionice", "taskset"];

    /// <summary>True when <paramref name="value"/> looks like OS command injection.</summary>
    public static bool IsCommandInjection(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }
        char[]? rented = null;
        var buffer = value.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        try
        {
            var normalized = Normalize(value, buffer);
            return normalized.ContainsAny(ShellFragments) || HasCommandAtCommandPosition(normalized) || HasShellSyntax(normalized)
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

    private static bool HasShellSyntax(ReadOnlySpan<char> s)
    {
        // ~+, ~-1: tilde expansion to the working directories.
        var trimmed = s.Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '~' && trimmed[1] is '+' or '-' && trimmed[2..].IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return true;
        }

        // !-1: history expansion.
        var bang = s.IndexOf("!-", StringComparison.Ordinal);
        if (bang >= 0 && bang + 2 < s.Length && char.IsAsciiDigit(s[bang + 2]))
        {
            return true;
        }
        return HasBraceExpansion(s) || HasBatchSyntax(s);
    }

    // {,ifconfig}, c{a,oun}t, {cat,/etc/passwd}: brace expansion builds a command from a list.
    private static bool HasBraceExpansion(ReadOnlySpan<char> s)
    {
        var at = 0;
        while (true)
        {
            var open = s[at..].IndexOf('{');
            if (open < 0)
            {
                return false;
            }
            open += at;
            var comma = false;
            var letter = false;
            var i = open + 1;
            for (; i < s.Length && i < open + 64; i++)
            {
                var c = s[i];
                if (c == '}' || c is ' ' or '\t' or ':' or '{')
                {
                    break;
                }
                comma |= c == ',';
                letter |= char.IsAsciiLetter(c);
            }
            if (i < s.Length && s[i] == '}' && comma && letter)
            {
                return true;
            }
            if (open + 2 < s.Length && s[open + 1] == ',' && char.IsAsciiLetter(s[open + 2]))
            {
                return true;
            }
            at = open + 1;
        }
    }

    private static bool HasBatchSyntax(ReadOnlySpan<char> s)
    {
        var at = 0;
        while (at < s.Length)
        {
            var found = s[at..].IndexOfAny(BatchKeywords);
            if (found < 0)
            {
                return false;
            }
            var start = at + found;
            at = start + 1;
            var before = start - 1;
            while (before >= 0 && s[before] is ' ' or '\t' or '@')
            {
                before--;
            }
            if (before >= 0 && s[before] is not (';' or '&' or '|' or '(' or '\n' or '=' or '>'))
            {
                continue;
            }
            if (BatchSyntax.IsMatch(s.Slice(start, Math.Min(200, s.Length - start))))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsCommandPrefix(ReadOnlySpan<char> name)
    {
        foreach (var prefix in CommandPrefixes)
        {
            if (name.SequenceEqual(prefix))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '\\' or ':';
}

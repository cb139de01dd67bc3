using System.Buffers;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects path traversal or local file inclusion in a value the WAF has already transformed.</summary>
/// <remarks>
/// Two checks, modelled on OWASP CRS 930100-930130: a parent-directory step (<c>../</c>, <c>..\</c>, and the
/// encodings that survive one round of URL decoding), and the name of a file that only an attacker asks a web
/// application for (<c>/etc/passwd</c>, <c>win.ini</c>, <c>WEB-INF/web.xml</c>...). Both are multi-string
/// searches, so the cost is linear in the value's length.
/// </remarks>
public static class PathTraversalDetector
{
    // Every check below needs one of these characters ("0x2e0x2e" and its kin aside, which need "0x"): a value
    // with none of them cannot match, and one vectorised scan says so. A test holds the signature lists to this.
    private static readonly SearchValues<char> Triggers = SearchValues.Create("./\\%_\u2215\u2216\uff0e");

    // Parent-directory steps, literal and in the encodings a single URL decode leaves behind (%252e, overlong UTF-8...).
    internal static readonly string[] TraversalStepSignatures =
        [
            "..;/", "..;\\", "0x5c0x2e", "0x2e0x5c", "..;.\\", "..%2f", "..%5c", "%2e%2e", "%2e./", ".%2e/", "%252e", "%c0%ae", "%c0%af", "%c1%9c",
            "%c1%1c", "%e0%80%ae", "%u002e", "%uff0e", "%u2215", "%u2216", "..0x2f", "..0x5c", "0x2e0x2e", "..%u2215",
            "..%255c", "..%252f", "..../", "....\\", "..%00", "..%01",
        ];

    private static readonly SearchValues<string> TraversalSteps = SearchValues.Create(TraversalStepSignatures, StringComparison.OrdinalIgnoreCase);

    // Files and folders no web client has a reason to name (CRS lfi-os-files.data, abridged).
    internal static readonly string[] SensitiveFileSignatures =
        [
            "etc/passwd", "etc/shadow", "etc/group", "etc/hosts", "etc/issue", "etc/motd", "etc/crontab", "etc/sudoers",
            "etc/master.passwd", "etc/security/", "etc/httpd/", "etc/apache2/", "etc/nginx/", "etc/mysql/", "etc/ssh/",
            "etc/hostname", "etc/resolv.conf", "etc/fstab", "etc/profile", "etc/environment", "etc/inittab",
            "proc/self/", "proc/version", "proc/cpuinfo", "proc/meminfo", "proc/net/", "proc/sched_debug",
            "var/log/", "var/mail/", "var/spool/", "var/run/secrets", "root/.", ".bash_history", ".bash_profile",
            ".bashrc", ".zsh_history", ".ssh/", "id_rsa", "id_dsa", "authorized_keys", "known_hosts", ".htaccess",
            ".htpasswd", ".git/", ".svn/", ".hg/", "web-inf/", "/sys/class", "/sys/kernel", "/proc/",
            ".docker/", ".claude/", ".cursor/", ".continue/", ".aider", ".roo/", ".zed/", ".cline/", ".kiro/", ".windsurf/",
            ".rovodev/", ".codex/", ".opencode/", ".plandex/", ".n8n/", ".junie/", ".aiignore", ".cursorignore", "/@id/",
            "backup.sql", ".sql.zip", ".sql.gz", ".sql.bz2", "wp-content/debug.log", "wp-content/error.log",
            "wp-content/errors.log", ".ds_store", ".idea/", ".vscode/", "meta-inf/", "wp-config.php",
            "config.inc.php", "localsettings.php", "boot.ini", "win.ini", "system.ini", "autoexec.bat",
            "windows/system32", "winnt/system32", "windows\\system32", "winnt\\system32", "windows/repair",
            "windows\\repair", "system32/drivers/etc", "system32\\drivers\\etc", "inetpub/", "inetpub\\", "web.config",
            "applicationhost.config", "machine.config", "php.ini", "my.cnf", "my.ini", "httpd.conf", "nginx.conf",
            "/etc/", "c:\\", "file:/", "/dev/null", "/dev/tcp/", "/bin/sh", "/bin/bash", ".aws/credentials",
            ".docker/config", ".kube/config", ".npmrc", ".pgpass", ".mysql_history", "shadow.bak", "passwd.bak",
        ];

    private static readonly SearchValues<string> SensitiveFiles = SearchValues.Create(SensitiveFileSignatures, StringComparison.OrdinalIgnoreCase);

    // What a plain value (PlainValue) can hold: the plain signatures and ".env". A plain value has no '/' or '\\'
    // (so no parent step) and is ASCII (so no Unicode step).
    internal static readonly string[] PlainSignatureList = PlainValue.Subset([.. TraversalStepSignatures, .. SensitiveFileSignatures, DotEnv]);

    private static readonly SearchValues<string> PlainSignatures = SearchValues.Create(PlainSignatureList, StringComparison.OrdinalIgnoreCase);

    private const string DotEnv = ".env";

    /// <summary>True when <paramref name="value"/> looks like path traversal or local file inclusion.</summary>
    public static bool IsPathTraversal(ReadOnlySpan<char> value) => IsPathTraversal(value, PlainValue.ShapeOf(value));

    /// <summary><see cref="IsPathTraversal(ReadOnlySpan{char})"/> for a value whose shape is known.</summary>
    internal static bool IsPathTraversal(ReadOnlySpan<char> value, ValueShape shape) =>
        MayMatch(value)
        && shape switch
        {
            ValueShape.Other => true,
            ValueShape.Plain => value.ContainsAny(PlainSignatures),
            _ => false,
        }
        && IsPathTraversalUnfiltered(value);

    /// <summary>The checks themselves, without the prefilters (tests compare the two).</summary>
    internal static bool IsPathTraversalUnfiltered(ReadOnlySpan<char> value) =>
        value.ContainsAny(TraversalSteps) || value.ContainsAny(SensitiveFiles) || HasParentStep(value) || HasDotEnv(value)
        || HasUnicodeStep(value);

    /// <summary>False when <paramref name="value"/> has nothing any check needs, so it cannot match.</summary>
    internal static bool MayMatch(ReadOnlySpan<char> value) =>
        value.ContainsAny(Triggers) || value.Contains("0x", StringComparison.OrdinalIgnoreCase);

    // Fullwidth dots and division slashes that some platforms fold to ./ (kept out of the ASCII searches, which stay vectorised).
    private static bool HasUnicodeStep(ReadOnlySpan<char> value)
    {
        var at = value.IndexOfAny('\u2215', '\u2216', '\uff0e');
        if (at < 0)
        {
            return false;
        }
        var rest = value[Math.Max(0, at - 2)..];
        return rest.Contains("..\u2215", StringComparison.Ordinal) || rest.Contains("..\u2216", StringComparison.Ordinal)
            || rest.Contains("\uff0e\uff0e", StringComparison.Ordinal);
    }

    // A run of two or more dots that starts a path segment and ends one: ../, /..\, =../ (but not "foo../" or "wait...").
    private static bool HasParentStep(ReadOnlySpan<char> value)
    {
        var at = 0;
        while (true)
        {
            var found = value[at..].IndexOf("..", StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }
            var start = at + found;
            var end = start;
            while (end < value.Length && value[end] == '.')
            {
                end++;
            }
            var before = start == 0 ? '/' : value[start - 1];
            var after = end < value.Length ? value[end] : '\0';
            if (before is '/' or '\\' or '=' or ' ' or '"' or '\'' or ';' or ':' or ',' or '|' && after is '/' or '\\')
            {
                return true;
            }
            at = end;
        }
    }

    // .env, the dotenv file, but not ".environment" or ".envelope".
    private static bool HasDotEnv(ReadOnlySpan<char> value)
    {
        var at = 0;
        while (true)
        {
            var found = value[at..].IndexOf(DotEnv, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }
            var end = at + found + 4;
            if (end == value.Length || !char.IsAsciiLetterOrDigit(value[end]))
            {
                return true;
            }
            at = end;
        }
    }
}

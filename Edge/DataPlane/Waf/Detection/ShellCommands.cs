using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>The Unix and Windows command names the command-injection check knows (from OWASP CRS unix-shell.data and windows-powershell-commands.data, abridged).</summary>
internal static class ShellCommands
{
    // Names with no meaning in ordinary text: one after a shell separator is enough.
    private static readonly FrozenSet<string> Unambiguous = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "whoami", "uname", "ifconfig", "ipconfig", "netstat", "wget", "curl", "nc", "ncat", "netcat", "bash", "sh",
        "zsh", "ksh", "csh", "tcsh", "dash", "powershell", "pwsh", "cmd", "cmd.exe", "python", "python2", "python3",
        "perl", "ruby", "php", "lua", "nslookup", "chmod", "chown", "chgrp", "passwd", "id", "ls", "cat", "rm", "mkfifo",
        "telnet", "ssh", "scp", "tftp", "base64", "xxd", "systeminfo", "tasklist", "taskkill", "certutil", "bitsadmin",
        "wmic", "cscript", "wscript", "mshta", "rundll32", "regsvr32", "hostname", "killall", "pkill", "crontab",
        "nohup", "awk", "gawk", "sed", "printenv", "sudo", "useradd", "usermod", "iptables", "socat", "nmap", "tcpdump",
        "uptime", "lsof", "ps", "pwd", "sleep", "ping", "dir", "net", "type", "echo", "head", "tail", "less", "more",
        "nl", "od", "strings", "tac", "rev", "uniq", "sort", "cut", "grep", "egrep", "fgrep", "find", "locate",
        "xargs", "env", "export", "eval", "exec", "source", "kill", "reboot", "shutdown", "halt", "poweroff",
        "mount", "umount", "dd", "mkdir", "rmdir", "touch", "cp", "mv", "ln", "tar", "zip", "unzip", "gzip", "gunzip",
        "bzip2", "chattr", "lsattr", "getent", "last", "lastlog", "w", "who", "finger", "dig", "host", "traceroute",
        "tracert", "route", "arp", "ip", "ss", "nsenter", "docker", "kubectl", "openssl", "gcc", "cc", "make", "node",
        "java", "jrunscript", "jjs", "irb", "tclsh", "wish", "expect", "timeout", "time", "date", "cal", "df", "du",
        "free", "top", "vmstat", "dmesg", "sysctl", "modprobe", "insmod", "lsmod", "at", "batch", "systemctl",
        "service", "su", "doas", "pkexec", "vi", "vim", "nano", "ed", "emacs", "busybox", "file", "stat", "readlink",
        "realpath", "basename", "dirname", "tee", "true", "false", "yes", "seq", "shuf", "md5sum", "sha1sum",
        "sha256sum", "cksum", "ftp", "rsync", "sftp", "smbclient", "rpcclient", "net.exe", "reg", "reg.exe", "sc",
        "sc.exe", "schtasks", "at.exe", "vssadmin", "wevtutil", "fsutil", "icacls", "cacls", "takeown", "attrib",
        "copy", "del", "erase", "move", "ren", "rd", "md", "start", "call", "set", "ver", "vol", "tree", "findstr",
        "query", "quser", "qwinsta", "netsh", "nbtstat", "pathping", "getmac", "whoami.exe", "invoke-expression",
        "iex", "invoke-webrequest", "iwr", "invoke-restmethod", "irm", "start-process", "new-object", "get-content",
        "get-childitem", "gci", "set-content", "add-content", "out-file", "get-process", "stop-process", "get-service",
        "downloadstring", "downloadfile", "system.net.webclient", "bitsadmin.exe", "certutil.exe", "mshta.exe",
        "cscript.exe", "wscript.exe", "powershell.exe", "pwsh.exe", "rundll32.exe", "regsvr32.exe", "visudo",
        "ansible", "ansible-config", "ansible-inventory", "ansible-playbook", "ansible-vault", "chef-vault",
        "chef-client", "knife", "rmt", "c89", "c99", "bridge", "cpulimit", "flock", "trap", "printf", "regedit",
        "bcdboot", "bcdedit", "diskpart", "lwp-download", "lwp-request", "aria2c", "axel", "links", "lynx", "w3m",
        "zstdcat", "zcat", "bzcat", "xzcat", "zstd", "xz", "7z", "rar", "unrar", "nmcli", "iwconfig", "ufw",
        "firewall-cmd", "setfacl", "getfacl", "update-alternatives", "apt", "apt-get", "yum", "dnf", "rpm", "dpkg",
        "pip", "pip3", "npm", "gem", "cargo", "composer", "git", "svn", "hg", "scp", "rcp", "rsh", "rlogin",
        "whois", "host", "mail", "sendmail", "mutt", "nsupdate", "crash", "gdb", "strace", "ltrace", "tcptraceroute",
        "hping3", "fping", "arping", "ncat", "cryptcat", "pwncat", "socat", "msfconsole", "msfvenom", "sqlmap",
        "mysql", "psql", "sqlite3", "mongo", "redis-cli", "certreq", "esentutl", "expand", "extrac32", "findstr",
        "forfiles", "hh", "ieexec", "installutil", "makecab", "msbuild", "msiexec", "odbcconf", "pcalua", "presentationhost",
        "regasm", "regsvcs", "replace", "runonce", "runscripthelper", "schtasks", "scriptrunner", "syncappvpublishingserver",
        "wmic.exe", "xwizard", "bash.exe", "wsl", "wsl.exe", "sh.exe", "chef", "cscli", "perf", "column", "fold",
        "base32", "comm", "aptitude", "htop", "lastlogin", "bsdtar", "pipx", "uconv", "ll", "ex", "cd", "la", "l",
        "iconv", "paste", "join", "split", "csplit", "fmt", "pr", "look", "diff", "cmp", "patch", "install", "dos2unix",
        "unix2dos", "script", "screen", "tmux", "nsenter", "unshare", "capsh", "setcap", "getcap", "pkg", "brew",
        "snap", "flatpak", "journalctl", "loginctl", "hostnamectl", "timedatectl", "busctl", "ssh-keygen", "ssh-keyscan",
        "ssh-add", "ssh-agent", "gpg", "curlie", "httpie", "http", "xh", "wget2", "fetch", "ftp.exe", "tftp.exe");

    // Names that are also everyday words: they count only when followed by an argument that looks like one.
    private static readonly FrozenSet<string> Ambiguous = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "sleep", "ping", "dir", "net", "type", "echo", "head", "tail", "less", "more", "sort", "cut", "find", "locate",
        "export", "source", "kill", "last", "w", "who", "host", "route", "ip", "ss", "make", "node", "expect",
        "timeout", "time", "date", "cal", "free", "top", "at", "batch", "service", "file", "stat", "tee", "true",
        "false", "yes", "seq", "copy", "del", "erase", "move", "ren", "rd", "md", "start", "call", "set", "ver",
        "vol", "tree", "query", "cat", "id", "ls", "rm", "cp", "mv", "ln", "dd", "tar", "zip", "ps", "pwd", "su",
        "vi", "ed", "nl", "od", "tac", "rev", "env", "eval", "exec", "sh", "cc", "du", "df", "sed", "awk", "nc",
        "finger", "touch", "mount", "reg", "sc", "java", "php", "perl", "python", "ruby", "lua", "uptime", "hostname",
        "halt", "reboot", "shutdown", "strings", "uniq", "dig", "arp", "tr", "more", "bridge", "trap", "printf",
        "links", "expand", "replace", "mail", "crash", "apt", "pip", "npm", "gem", "cargo", "git", "host", "whois",
        "hh", "axel", "knife", "column", "fold", "comm", "ex", "cd", "la", "l", "paste", "join", "split",
        "fmt", "pr", "look", "diff", "patch", "install", "script", "screen", "pkg", "snap", "http", "fetch");

    // Probes an injection tries first; after a separator they count even with nothing after them.
    private static readonly FrozenSet<string> BareProbes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "id", "ls", "ps", "env", "set", "who", "pwd", "dir", "ll", "sh", "cd", "true", "false");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> UnambiguousLookup =
        Unambiguous.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AmbiguousLookup =
        Ambiguous.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every command name the check knows (tests feed them through the detector).</summary>
    internal static IEnumerable<string> Names => Unambiguous.Concat(Ambiguous);

    // Which (first letter, second letter, length) triples the known names have: most words fail this bit test,
    // which costs far less than hashing them case-insensitively for the set.
    private static readonly ulong[] Shapes = BuildShapes();

    /// <summary>True when <paramref name="name"/> is a known command.</summary>
    public static bool IsCommand(ReadOnlySpan<char> name) => MayBeCommand(name) && UnambiguousLookup.Contains(name);

    // False only when no known name has this shape; anything but two ASCII letters first (or a very long name) passes.
    private static bool MayBeCommand(ReadOnlySpan<char> name)
    {
        if (name.Length < 2 || name.Length > 63)
        {
            return true;
        }
        var first = (char)(name[0] | 0x20) - 'a';
        var second = (char)(name[1] | 0x20) - 'a';
        if ((uint)first >= 26 || (uint)second >= 26)
        {
            return true;
        }
        return (Shapes[(first * 26) + second] & (1UL << name.Length)) != 0;
    }

    private static ulong[] BuildShapes()
    {
        var shapes = new ulong[26 * 26];
        foreach (var name in Unambiguous)
        {
            if (name.Length < 2 || name.Length > 63)
            {
                continue;
            }
            var first = (char)(name[0] | 0x20) - 'a';
            var second = (char)(name[1] | 0x20) - 'a';
            if ((uint)first < 26 && (uint)second < 26)
            {
                shapes[(first * 26) + second] |= 1UL << name.Length;
            }
        }
        return shapes;
    }

    /// <summary>True when <paramref name="name"/> is a probe an injection tries first (id, ls, env...).</summary>
    public static bool IsBareProbe(ReadOnlySpan<char> name) => BareProbes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    /// <summary>True when <paramref name="name"/> is a command that is also an everyday word.</summary>
    public static bool IsAmbiguous(ReadOnlySpan<char> name) => AmbiguousLookup.Contains(name);
}

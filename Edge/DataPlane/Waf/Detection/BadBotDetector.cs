using System.Buffers;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>Detects a user agent of a known bad bot or scanner in a value the WAF has already transformed.</summary>
/// <remarks>
/// One multi-string search (<see cref="SearchValues{T}"/>, Aho-Corasick/Teddy underneath) over the user agent,
/// case-insensitive. The names are those of vulnerability scanners, SQL-injection and brute-force tools, as in
/// OWASP CRS's scanners-user-agents.data; generic HTTP clients (curl, python-requests) are not on the list
/// because they are mostly honest automation.
/// </remarks>
public static class BadBotDetector
{
    private static readonly SearchValues<string> Signatures = SearchValues.Create(
        [
            "sqlmap", "nikto", "nmap", "masscan", "zgrab", "dirbuster", "nuclei", "gobuster", "wpscan", "acunetix",
            "netsparker", "w3af", "openvas", "nessus", "havij", "zmeu", "arachni", "jorgee", "fimap", "dirb/",
            "skipfish", "whatweb", "wfuzz", "fuzz faster u fool", "feroxbuster", "commix", "xsstrike", "appscan",
            "webinspect", "paros", "grabber", "morfeus", "zmap", "nimbostratus", "blackwidow", "bsqlbf", "sqlninja",
            "pangolin", "nsauditor", "metis", "webshag", "bbqsql", "crimscanner", "mysqloit", "absinthe", "wprecon",
            "vega/", "qualys", "burpcollaborator", "sqlsus", "webvulnscan", "webtrends security analyzer",
            "n-stealth", "brutus", "hydra", "medusa", "cgichk", "httpscan", "nasl", "security scan", "vulnerability scan",
            "dirsearch", "jaeles", "xsser", "sqlpowerinjector", "owasp zap", "zaproxy", "struts-pwn", "httprint",
            "masscan-ng", "openvas-vt", "teh forest lobster",
            "wapiti", "ratproxy", "uil2pn", "sysscan", "domino hunter", "fhscan", "floodgate", "jbrofuzz", "pmafind",
            "autogetcontent", "morpheus fucking scanner", "zollard", "dotdotpwn", "isc systems irc search",
        ],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="value"/> looks like a user agent of a known bad bot or scanner.</summary>
    public static bool IsBadBot(ReadOnlySpan<char> value) => value.ContainsAny(Signatures);
}

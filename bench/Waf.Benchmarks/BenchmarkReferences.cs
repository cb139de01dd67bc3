using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Waf;

namespace OrleansGateway.Waf.Benchmarks;

/// <summary>The IP set and regex pattern set the benchmark's web ACL references.</summary>
internal sealed class BenchmarkReferences : IWafReferences
{
    public const string BlockedIps = "arn:aws:wafv2:us-east-1:123456789012:regional/ipset/blocked/1";
    public const string ScannerPaths = "arn:aws:wafv2:us-east-1:123456789012:regional/regexpatternset/scanners/1";

    public IReadOnlyList<string>? IpSetAddresses(string arn) => arn == BlockedIps
        ? ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.128/25", "2001:db8::/32", "10.66.0.0/16", "172.20.0.0/14"]
        : null;

    public IReadOnlyList<string>? RegexPatterns(string arn) => arn == ScannerPaths
        ? ["^/[^/]+/(wp-admin|wp-login|xmlrpc)", "\\.(env|git|svn|bak|old)(/|$)", "/phpmyadmin", "/cgi-bin/"]
        : null;

    public JsonElement? RuleGroupRules(string arn) => null;
}

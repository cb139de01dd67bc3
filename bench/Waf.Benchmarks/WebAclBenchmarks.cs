using System.Net;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Edge.DataPlane.Waf.Geo;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Waf.Benchmarks;

/// <summary>
/// The cost of the WAF on one request: building the request's inspection view and evaluating a
/// web ACL with the core rule group and ten custom rules (IP set, geo, byte and regex matches,
/// size constraints, a Count rule, a rate-based rule) on a typical 1 KB request: URI, query,
/// 13 headers and a 1 KB JSON body. Target: ≤ 20 µs mean for the whole web ACL.
/// </summary>
[MemoryDiagnoser]
public class WebAclBenchmarks
{
    private CompiledWebAcl _wholeAcl = null!;
    private CompiledWebAcl _coreOnly = null!;
    private CompiledWebAcl _customOnly = null!;
    private WafRuntime _runtime = null!;
    private HeaderDictionary _headers = null!;
    private byte[] _body = null!;
    private IPAddress _source = null!;

    private const string Path = "/prod/orders/12345/items";
    private const string Query = "expand=customer&page=2&sort=-created_at&fields=id,name,price&q=blue%20widget";
    private const string AttackQuery = "expand=customer&page=2&id=1%27%20OR%20%271%27%3D%271";

    /// <summary>Compiles the web ACLs and builds the request once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var references = new BenchmarkReferences();
        _wholeAcl = Compile(WebAcl(includeCore: true, includeCustom: true), references);
        _coreOnly = Compile(WebAcl(includeCore: true, includeCustom: false), references);
        _customOnly = Compile(WebAcl(includeCore: false, includeCustom: true), references);
        _runtime = new WafRuntime(new InMemoryRateCounter(), new NoCountryDatabase(), "CloudFront-Viewer-Country");
        _source = IPAddress.Parse("203.0.113.7");
        _body = Encoding.UTF8.GetBytes(TypicalBody());
        _headers = new HeaderDictionary
        {
            ["Host"] = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
            ["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            ["Accept"] = "application/json, text/plain, */*",
            ["Accept-Language"] = "en-GB,en;q=0.9,fr;q=0.8",
            ["Accept-Encoding"] = "gzip, deflate, br",
            ["Content-Type"] = "application/json",
            ["Content-Length"] = _body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Authorization"] = "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImFiYzEyMyJ9.eyJzdWIiOiJ1c2VyLTQyIiwiaXNzIjoiaHR0cHM6Ly9pZC5leGFtcGxlLmNvbSIsImF1ZCI6Im9yZGVycyIsImV4cCI6MTc2NDAwMDAwMCwic2NvcGUiOiJvcmRlcnM6d3JpdGUifQ.c2lnbmF0dXJlLXBsYWNlaG9sZGVyLXNpZ25hdHVyZS1wbGFjZWhvbGRlcg",
            ["Cookie"] = "session=9f8e7d6c5b4a39281706f5e4d3c2b1a0; theme=dark; consent=analytics%3Dno%26ads%3Dno",
            ["Referer"] = "https://shop.example.com/orders/12345?tab=items",
            ["X-Request-Id"] = "5f0c6a3e-8d1b-4c7e-9a2f-3b4d5e6f7a8b",
            ["X-Forwarded-For"] = "203.0.113.7, 10.0.3.17",
            ["CloudFront-Viewer-Country"] = "GB",
        };
        if (Evaluate(_wholeAcl, Query).Action != WafActionKind.Allow || Evaluate(_wholeAcl, AttackQuery).Action != WafActionKind.Block)
        {
            throw new InvalidOperationException("The benchmark's request must pass the web ACL and its attack must be blocked.");
        }
    }

    /// <summary>The whole web ACL (core rule group + 10 custom rules) on the typical request, which passes every rule.</summary>
    [Benchmark(Baseline = true)]
    public WafVerdict WholeWebAcl() => Evaluate(_wholeAcl, Query);

    /// <summary>The core rule group alone.</summary>
    [Benchmark]
    public WafVerdict CoreRuleGroupOnly() => Evaluate(_coreOnly, Query);

    /// <summary>The ten custom rules alone.</summary>
    [Benchmark]
    public WafVerdict CustomRulesOnly() => Evaluate(_customOnly, Query);

    /// <summary>The whole web ACL on the same request carrying SQL injection in the query (blocked by the core group).</summary>
    [Benchmark]
    public WafVerdict WholeWebAclBlockingSqlInjection() => Evaluate(_wholeAcl, AttackQuery);

    private WafVerdict Evaluate(CompiledWebAcl acl, string query)
    {
        var request = new WafRequest("POST", Path, query, _headers, _body, _body.Length, bodyOversize: false, "application/json", _source, _runtime, acl.SlotCount, acl.RawSlotCount);
        return acl.Evaluate(request);
    }

    private static CompiledWebAcl Compile(string json, IWafReferences references) =>
        WebAclCompiler.Compile(JsonDocument.Parse(json).RootElement, references);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Rule(string name, int priority, string statement, string action = """{"Block": {}}""") =>
        $$$"""{"Name": "{{{name}}}", "Priority": {{{priority}}}, "Statement": {{{statement}}}, "Action": {{{action}}}, "VisibilityConfig": {"SampledRequestsEnabled": false, "CloudWatchMetricsEnabled": true, "MetricName": "{{{name}}}"}}""";

    private static string WebAcl(bool includeCore, bool includeCustom)
    {
        var rules = new List<string>();
        if (includeCustom)
        {
            rules.AddRange(
            [
                Rule("block-ip-set", 1, $$$"""{"IPSetReferenceStatement": {"ARN": "{{{BenchmarkReferences.BlockedIps}}}"}}"""),
                Rule("block-countries", 2, """{"GeoMatchStatement": {"CountryCodes": ["KP", "IR", "SY", "CU"]}}"""),
                Rule("block-admin-path", 3, $$$"""{"ByteMatchStatement": {"SearchString": "{{{Base64("/prod/admin")}}}", "FieldToMatch": {"UriPath": {}}, "TextTransformations": [{"Priority": 0, "Type": "URL_DECODE"}, {"Priority": 1, "Type": "LOWERCASE"}], "PositionalConstraint": "STARTS_WITH"}}"""),
                Rule("block-scanner-paths", 4, $$$"""{"RegexPatternSetReferenceStatement": {"ARN": "{{{BenchmarkReferences.ScannerPaths}}}", "FieldToMatch": {"UriPath": {}}, "TextTransformations": [{"Priority": 0, "Type": "URL_DECODE"}, {"Priority": 1, "Type": "LOWERCASE"}]}}"""),
                Rule("block-trace", 5, $$$"""{"ByteMatchStatement": {"SearchString": "{{{Base64("TRACE")}}}", "FieldToMatch": {"Method": {}}, "TextTransformations": [{"Priority": 0, "Type": "NONE"}], "PositionalConstraint": "EXACTLY"}}"""),
                Rule("block-huge-query", 6, """{"SizeConstraintStatement": {"FieldToMatch": {"QueryString": {}}, "ComparisonOperator": "GT", "Size": 2048, "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}"""),
                Rule("block-huge-body", 7, """{"SizeConstraintStatement": {"FieldToMatch": {"Body": {"OversizeHandling": "MATCH"}}, "ComparisonOperator": "GT", "Size": 65536, "TextTransformations": [{"Priority": 0, "Type": "NONE"}]}}"""),
                Rule("block-old-clients", 8, """{"RegexMatchStatement": {"RegexString": "^(curl/7\\.[0-4]|python-requests/1\\.)", "FieldToMatch": {"SingleHeader": {"Name": "user-agent"}}, "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}]}}"""),
                Rule("count-debug", 9, $$$"""{"ByteMatchStatement": {"SearchString": "{{{Base64("true")}}}", "FieldToMatch": {"SingleQueryArgument": {"Name": "debug"}}, "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}], "PositionalConstraint": "EXACTLY"}}""", """{"Count": {}}"""),
                Rule("rate-per-ip", 10, """{"RateBasedStatement": {"Limit": 2000000000, "EvaluationWindowSec": 300, "AggregateKeyType": "IP"}}"""),
            ]);
        }
        if (includeCore)
        {
            rules.Add("""{"Name": "core", "Priority": 20, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "OrleansGateway", "Name": "CoreRuleSet"}}, "OverrideAction": {"None": {}}, "VisibilityConfig": {"SampledRequestsEnabled": false, "CloudWatchMetricsEnabled": true, "MetricName": "core"}}""");
        }
        return $$$"""
            {"Name": "bench-acl", "Id": "1", "ARN": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/bench-acl/1",
             "DefaultAction": {"Allow": {}}, "Rules": [{{{string.Join(",", rules)}}}],
             "VisibilityConfig": {"SampledRequestsEnabled": false, "CloudWatchMetricsEnabled": true, "MetricName": "bench-acl"}}
            """;
    }

    /// <summary>A ~1 KB order as a shop's API would receive it.</summary>
    private static string TypicalBody() => """
        {"orderId": "ord-12345", "customer": {"id": "cus-981", "name": "Jo Bloggs", "email": "jo.bloggs@example.com",
         "address": {"line1": "12 High Street", "line2": "Flat 3", "city": "Manchester", "postcode": "M1 1AA", "country": "GB"}},
         "items": [
          {"sku": "WID-BLUE-01", "name": "Blue widget", "quantity": 2, "unitPrice": 12.5, "options": {"colour": "blue", "size": "M"}},
          {"sku": "GAD-RED-07", "name": "Red gadget, deluxe", "quantity": 1, "unitPrice": 49.99, "options": {"colour": "red", "warranty": "2y"}},
          {"sku": "BOLT-M6-100", "name": "M6 bolts (box of 100)", "quantity": 3, "unitPrice": 4.2, "options": {}}],
         "delivery": {"method": "standard", "instructions": "Leave with the neighbour at no. 14 if nobody is in - thanks!"},
         "payment": {"method": "card", "last4": "4242", "currency": "GBP"},
         "notes": "Gift wrap the gadget please; it's for my dad's birthday & he loves anything red.",
         "marketing": {"newsletter": false, "source": "spring-sale-2025"},
         "createdAt": "2025-03-14T09:26:53Z", "clientVersion": "web-4.18.2"}
        """;
}

using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Edge.DataPlane.Waf.Geo;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>Builds web ACL JSON in WAFv2's shapes and requests to evaluate them on.</summary>
internal static class WafTest
{
    public const string AclArn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/test-acl/11111111-2222-3333-4444-555555555555";

    /// <summary>A web ACL (default Allow unless given) with rules given as JSON objects.</summary>
    public static string Acl(string defaultAction = """{"Allow": {}}""", string customBodies = "null", params string[] rules) => $$"""
        {
          "Name": "test-acl", "Id": "11111111-2222-3333-4444-555555555555", "ARN": "{{AclArn}}",
          "DefaultAction": {{defaultAction}},
          "Rules": [{{string.Join(",", rules)}}],
          "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "test-acl"},
          "CustomResponseBodies": {{customBodies}}
        }
        """;

    /// <summary>A rule with an Action.</summary>
    public static string Rule(string name, int priority, string statement, string action = """{"Block": {}}""", string labels = "[]") => $$$"""
        {"Name": "{{{name}}}", "Priority": {{{priority}}}, "Statement": {{{statement}}}, "Action": {{{action}}}, "RuleLabels": {{{labels}}},
         "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "{{{name}}}"}}
        """;

    /// <summary>A rule group rule with an OverrideAction.</summary>
    public static string GroupRule(string name, int priority, string statement, string overrideAction = """{"None": {}}""") => $$$"""
        {"Name": "{{{name}}}", "Priority": {{{priority}}}, "Statement": {{{statement}}}, "OverrideAction": {{{overrideAction}}},
         "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "{{{name}}}"}}
        """;

    /// <summary>A ByteMatchStatement (SearchString base64-encoded, as on the wire).</summary>
    public static string ByteMatch(string search, string field, string constraint = "CONTAINS", string transformations = """[{"Priority": 0, "Type": "NONE"}]""") => $$$"""
        {"ByteMatchStatement": {"SearchString": "{{{Convert.ToBase64String(Encoding.UTF8.GetBytes(search))}}}", "FieldToMatch": {{{field}}},
          "TextTransformations": {{{transformations}}}, "PositionalConstraint": "{{{constraint}}}"}}
        """;

    public static string Transformations(params string[] types) =>
        "[" + string.Join(",", types.Select((type, index) => $$"""{"Priority": {{index}}, "Type": "{{type}}"}""")) + "]";

    public static CompiledWebAcl Compile(string json, WafTestReferences? references = null) =>
        WebAclCompiler.Compile(JsonDocument.Parse(json).RootElement, references ?? new WafTestReferences());

    public static WafDefinitionException CompileFails(string json, WafTestReferences? references = null) =>
        Assert.Throws<WafDefinitionException>(() => Compile(json, references));

    /// <summary>A request to evaluate: path and query as sent, headers, body, source IP.</summary>
    public static WafRequest Request(
        CompiledWebAcl acl,
        string path = "/prod/items",
        string query = "",
        string method = "GET",
        IEnumerable<(string Name, string Value)>? headers = null,
        string? body = null,
        int bodyLimit = 8192,
        string sourceIp = "203.0.113.7",
        IWafRateCounter? rateCounter = null,
        string? countryHeader = null,
        string contentType = "application/json")
    {
        var headerDictionary = new HeaderDictionary();
        foreach (var (name, value) in headers ?? [])
        {
            headerDictionary.Append(name, value);
        }
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var inspected = bytes.AsMemory(0, Math.Min(bytes.Length, bodyLimit));
        var runtime = new WafRuntime(rateCounter, new NoCountryDatabase(), countryHeader);
        return new WafRequest(method, path, query, headerDictionary, inspected, bytes.Length, bytes.Length > bodyLimit,
            body is null ? null : contentType, IPAddress.Parse(sourceIp), runtime, acl.SlotCount, acl.RawSlotCount);
    }

    /// <summary>Evaluates the ACL on a request built by <see cref="Request"/>.</summary>
    public static WafVerdict Evaluate(CompiledWebAcl acl, WafRequest request) => acl.Evaluate(request);

    /// <summary>Shorthand: does a one-rule Block ACL block this request?</summary>
    public static bool Blocks(string statement, Func<CompiledWebAcl, WafRequest> request, WafTestReferences? references = null)
    {
        var acl = Compile(Acl(rules: Rule("r", 0, statement)), references);
        return acl.Evaluate(request(acl)).Action == WafActionKind.Block;
    }
}

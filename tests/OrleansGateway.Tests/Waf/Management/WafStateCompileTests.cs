using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Edge.Waf;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Tests.Waf.Management;

public sealed class WafStateCompileTests
{
    private const string IpSetArn = "arn:aws:wafv2:us-east-1:000000000000:regional/ipset/office/1";
    private const string AclArn = "arn:aws:wafv2:us-east-1:000000000000:regional/webacl/acl/2";

    private static readonly string ValidAcl = """
        {"DefaultAction":{"Allow":{}},"VisibilityConfig":{"MetricName":"acl"},"Rules":[
          {"Name":"office","Priority":0,"Action":{"Block":{}},"VisibilityConfig":{"MetricName":"r"},
           "Statement":{"IPSetReferenceStatement":{"ARN":"IP_SET_ARN"}}}]}
        """.Replace("IP_SET_ARN", IpSetArn, StringComparison.Ordinal);

    private const string BrokenAcl = """
        {"DefaultAction":{"Allow":{}},"VisibilityConfig":{"MetricName":"acl"},"Rules":[
          {"Name":"broken","Priority":0,"Action":{"Block":{}},"VisibilityConfig":{"MetricName":"r"},
           "Statement":{"NoSuchStatement":{}}}]}
        """;

    [Fact]
    public void Each_associated_stage_gets_the_compiled_web_acl_and_others_get_none()
    {
        var state = WafState.Compile(Snapshot(1, ValidAcl), WafState.Empty, WafCompileOptions.Default);

        var compiled = state.ForStage("api1", "prod");
        Assert.NotNull(compiled);
        Assert.Equal(AclArn, compiled.Arn);
        Assert.Same(compiled, state.ForStage("api2", "prod"));
        Assert.Equal(["office"], compiled.RuleNames);
        Assert.Null(state.ForStage("api1", "beta"));
        Assert.Empty(state.Failures);
    }

    [Fact]
    public void A_web_acl_that_stops_compiling_keeps_its_previous_form_and_is_reported()
    {
        var previous = WafState.Compile(Snapshot(1, ValidAcl), WafState.Empty, WafCompileOptions.Default);

        var next = WafState.Compile(Snapshot(2, BrokenAcl), previous, WafCompileOptions.Default);

        Assert.Same(previous.ForStage("api1", "prod"), next.ForStage("api1", "prod"));
        Assert.Equal(AclArn, Assert.Single(next.Failures).WebAclArn);
        Assert.Null(WafState.Compile(Snapshot(2, BrokenAcl), WafState.Empty, WafCompileOptions.Default).ForStage("api1", "prod"));
    }

    private static WafSnapshot Snapshot(long version, string aclBody) => new(
        version,
        [
            new WafEntity(WafEntityKind.IpSet, "1", "office", IpSetArn, null, "t", """{"IPAddressVersion":"IPV4","Addresses":["192.0.2.0/24"]}""", [], 0),
            new WafEntity(WafEntityKind.WebAcl, "2", "acl", AclArn, null, "t", aclBody, [IpSetArn], 1),
        ],
        [new WafAssociation("api1", "prod", AclArn), new WafAssociation("api2", "prod", AclArn)]);
}

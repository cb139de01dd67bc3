using OrleansGateway.Edge.Waf;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Tests.Waf.Management;

public sealed class WafStateTests
{
    private const string IpSetArn = "arn:aws:wafv2:us-east-1:000000000000:regional/ipset/office/1";
    private const string RegexArn = "arn:aws:wafv2:us-east-1:000000000000:regional/regexpatternset/bots/2";
    private const string GroupArn = "arn:aws:wafv2:us-east-1:000000000000:regional/rulegroup/group/3";
    private const string AclArn = "arn:aws:wafv2:us-east-1:000000000000:regional/webacl/acl/4";

    [Fact]
    public void The_view_answers_the_engine_lookups_by_arn_and_the_stage_association()
    {
        var state = WafState.Build(Snapshot(7));

        Assert.Equal(["192.0.2.0/24", "198.51.100.7/32"], state.References.IpSetAddresses(IpSetArn));
        Assert.Equal(["^curl/"], state.References.RegexPatterns(RegexArn));
        Assert.Equal("r1", state.References.RuleGroupRules(GroupArn)?[0].GetProperty("Name").GetString());
        Assert.Equal(AclArn, state.WebAclArnFor("api1", "prod"));
        Assert.Null(state.WebAclArnFor("api1", "beta"));
        Assert.Null(state.References.IpSetAddresses(RegexArn));
        Assert.Equal("acl", state.References.WebAcl(AclArn)?.Name);
    }

    [Fact]
    public void The_store_installs_only_newer_versions()
    {
        var store = new WafStateStore();

        Assert.True(store.Apply(WafState.Build(Snapshot(2))));
        Assert.False(store.Apply(WafState.Build(Snapshot(1) with { Associations = [] })));
        Assert.False(store.Apply(WafState.Build(Snapshot(2) with { Associations = [] })));

        Assert.Equal(2, store.Current.Version);
        Assert.Equal(AclArn, store.Current.WebAclArnFor("api1", "prod"));
    }

    private static WafSnapshot Snapshot(long version) => new(
        version,
        [
            new WafEntity(WafEntityKind.IpSet, "1", "office", IpSetArn, null, "t", """{"IPAddressVersion":"IPV4","Addresses":["192.0.2.0/24","198.51.100.7/32"]}""", [], 0),
            new WafEntity(WafEntityKind.RegexPatternSet, "2", "bots", RegexArn, null, "t", """{"RegularExpressionList":[{"RegexString":"^curl/"}]}""", [], 0),
            new WafEntity(WafEntityKind.RuleGroup, "3", "group", GroupArn, null, "t", """{"Capacity":10,"Rules":[{"Name":"r1"}]}""", [], 10),
            new WafEntity(WafEntityKind.WebAcl, "4", "acl", AclArn, null, "t", """{"DefaultAction":{"Allow":{}}}""", [IpSetArn], 1),
        ],
        [new WafAssociation("api1", "prod", AclArn)]);
}

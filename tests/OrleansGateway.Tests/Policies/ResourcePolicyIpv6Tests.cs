using System.Net;
using OrleansGateway.Tests.DataPlane;
using static OrleansGateway.Tests.Policies.PolicyTestEdge;

namespace OrleansGateway.Tests.Policies;

/// <summary>IPv6 callers (the edge's data plane on <c>::1</c>) against IPv6 and IPv4 CIDRs.</summary>
public sealed class ResourcePolicyIpv6Tests(Ipv6PolicyTestEdge fixture) : IClassFixture<Ipv6PolicyTestEdge>
{
    [Fact]
    public async Task An_IPv6_caller_is_matched_by_IPv6_CIDRs_and_never_by_IPv4_ones()
    {
        var ipv6 = await fixture.ImportAsync(Policy(Statement("Allow", """{"IpAddress":{"aws:SourceIp":"::1/128"}}""")));
        var ipv6Deny = await fixture.ImportAsync(Policy(Statement("Allow"), Statement("Deny", """{"NotIpAddress":{"aws:SourceIp":"2001:db8::/32"}}""")));
        var ipv4 = await fixture.ImportAsync(Policy(Statement("Allow", """{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}""")));
        await fixture.DeployAsync(ipv6);
        await fixture.DeployAsync(ipv6Deny);
        await fixture.DeployAsync(ipv4);

        using var allowed = await fixture.Edge.GetAsync(ipv6, "/prod/pets");
        using var denied = await fixture.Edge.GetAsync(ipv6Deny, "/prod/pets");
        using var notMatched = await fixture.Edge.GetAsync(ipv4, "/prod/pets");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await ResponseAssertions.AssertGatewayErrorAsync(denied, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(ipv6Deny)} with an explicit deny", "AccessDeniedException");
        await ResponseAssertions.AssertGatewayErrorAsync(notMatched, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(ipv4)}", "AccessDeniedException");
    }
}

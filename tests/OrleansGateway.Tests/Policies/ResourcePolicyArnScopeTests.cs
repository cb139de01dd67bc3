using System.Net;
using OrleansGateway.Tests.DataPlane;
using static OrleansGateway.Tests.Policies.OtherAccountPolicyTestEdge;
using static OrleansGateway.Tests.Policies.PolicyTestEdge;

namespace OrleansGateway.Tests.Policies;

/// <summary>Method ARNs and shorthand resources use the configured <c>Gateway:Region</c> and <c>Gateway:AccountId</c>.</summary>
public sealed class ResourcePolicyArnScopeTests(OtherAccountPolicyTestEdge fixture) : IClassFixture<OtherAccountPolicyTestEdge>
{
    [Fact]
    public async Task Shorthand_and_full_ARNs_are_in_the_configured_region_and_account()
    {
        var shorthand = await fixture.ImportAsync(Policy(Statement("Allow", resource: "execute-api:/prod/GET/pets")));
        var defaultAccount = await fixture.ImportAsync(Policy(Statement("Allow", resource: "arn:aws:execute-api:us-east-1:000000000000:*")));
        await fixture.DeployAsync(shorthand);
        await fixture.DeployAsync(defaultAccount);

        using var allowed = await fixture.Edge.GetAsync(shorthand, "/prod/pets");
        using var denied = await fixture.Edge.GetAsync(defaultAccount, "/prod/pets");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await ResponseAssertions.AssertGatewayErrorAsync(denied, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:{OtherRegion}:{OtherAccount}:{defaultAccount}/prod/GET/pets",
            "AccessDeniedException");
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;
using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Tests.Security.SigV4;

namespace OrleansGateway.Tests.Policies;

/// <summary>A compiled resource policy against real <see cref="DefaultHttpContext"/> requests: which request facts reach which condition key.</summary>
public sealed class ResourcePolicyTests
{
    private const string ApiId = "abc123";
    private const string Arn = $"arn:aws:execute-api:eu-west-1:111122223333:{ApiId}/prod/GET/pets";
    private static readonly IamCaller Alice = new("AKIDALICE", "111122223333", "AIDALICE", "AIDALICE", "arn:aws:iam::111122223333:user/team/alice");
    private static readonly IamCaller Mallory = new("AKIDMALLORY", "444455556666", "AIDMALLORY", "AIDMALLORY", "arn:aws:iam::444455556666:user/mallory");
    private static readonly ExecuteApiRequest Request = new("req", "ext", DateTimeOffset.UnixEpoch);

    private static PolicyEffect Evaluate(string statementJson, Action<DefaultHttpContext>? request = null, IamCaller? caller = null,
        bool privateOnly = false, DateTimeOffset? now = null)
    {
        var document = ResourcePolicyReader.Read($$"""{"Version":"2012-10-17","Statement":[{{statementJson}}]}""", "eu-west-1", "111122223333", ApiId);
        var policy = new ResourcePolicy(document, privateOnly, new FixedTimeProvider(now ?? DateTimeOffset.Parse("2026-11-24T19:00:00Z")));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        request?.Invoke(context);
        return policy.Evaluate(context, Request, Arn, caller);
    }

    private static string Allow(string condition = "", string principal = "\"*\"", string resource = "execute-api:/*") =>
        $$"""{"Effect":"Allow","Principal":{{principal}},"Action":"execute-api:Invoke","Resource":"{{resource}}"{{(condition.Length == 0 ? "" : ",\"Condition\":" + condition)}}}""";

    [Theory]
    [InlineData("execute-api:/*", PolicyEffect.Allow)]
    [InlineData("execute-api:/prod/GET/pets", PolicyEffect.Allow)]
    [InlineData("execute-api:/prod/*/pets", PolicyEffect.Allow)]
    [InlineData("execute-api:/beta/*", PolicyEffect.NotMatched)]
    [InlineData("arn:aws:execute-api:eu-west-1:111122223333:abc123/*", PolicyEffect.Allow)]
    [InlineData("arn:aws:execute-api:us-east-1:111122223333:abc123/*", PolicyEffect.NotMatched)]
    public void Shorthand_resources_expand_to_this_APIs_ARNs_in_the_configured_region_and_account(string resource, PolicyEffect expected)
    {
        Assert.Equal(expected, Evaluate(Allow(resource: resource)));
    }

    [Fact]
    public void SourceIp_is_the_TCP_peer_with_IPv4_mapped_IPv6_peers_seen_as_IPv4()
    {
        const string Condition = """{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}""";
        Assert.Equal(PolicyEffect.Allow, Evaluate(Allow(Condition), c => c.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:192.0.2.9")));
        Assert.Equal(PolicyEffect.NotMatched, Evaluate(Allow(Condition), c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.1");
            c.Request.Headers["X-Forwarded-For"] = "192.0.2.9";
        }));
    }

    [Fact]
    public void UserAgent_Referer_and_SecureTransport_come_from_the_request()
    {
        Assert.Equal(PolicyEffect.Allow, Evaluate(Allow("""{"StringLike":{"aws:UserAgent":"curl/*"},"StringEquals":{"aws:Referer":"https://app.example"}}"""), c =>
        {
            c.Request.Headers.UserAgent = "curl/8.5";
            c.Request.Headers.Referer = "https://app.example";
        }));
        Assert.Equal(PolicyEffect.NotMatched, Evaluate(Allow("""{"Bool":{"aws:SecureTransport":"true"}}""")));
        Assert.Equal(PolicyEffect.Allow, Evaluate(Allow("""{"Bool":{"aws:SecureTransport":"true"}}"""), c => c.Request.Scheme = "https"));
    }

    [Fact]
    public void CurrentTime_and_EpochTime_come_from_the_clock()
    {
        var now = DateTimeOffset.Parse("2026-11-24T19:00:00Z");
        Assert.Equal(PolicyEffect.Allow, Evaluate(Allow("""{"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"}}"""), now: now));
        Assert.Equal(PolicyEffect.NotMatched, Evaluate(Allow("""{"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}"""), now: now));
        Assert.Equal(PolicyEffect.Allow, Evaluate(Allow("{\"NumericEquals\":{\"aws:EpochTime\":\"" + now.ToUnixTimeSeconds() + "\"}}"), now: now));
    }

    [Fact]
    public void SourceVpce_is_the_listeners_VPC_endpoint_and_absent_elsewhere()
    {
        const string Condition = """{"StringEquals":{"aws:SourceVpce":"vpce-1"}}""";
        Assert.Equal(PolicyEffect.Allow, Evaluate(Allow(Condition), c => c.Features.Set(new DataPlaneListener("internal", true, "vpce-1"))));
        Assert.Equal(PolicyEffect.NotMatched, Evaluate(Allow(Condition), c => c.Features.Set(new DataPlaneListener("internal", true, "vpce-2"))));
        Assert.Equal(PolicyEffect.NotMatched, Evaluate(Allow(Condition)));
        Assert.Equal(PolicyEffect.Allow, Evaluate(Allow("""{"Null":{"aws:SourceVpce":"true"}}""")));
    }

    [Theory]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:user/team/alice\"}", true, false)]
    [InlineData("{\"AWS\":\"111122223333\"}", true, false)]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", true, false)]
    [InlineData("{\"AWS\":\"*\"}", true, true)]
    [InlineData("\"*\"", true, true)]
    public void AWS_principals_match_IAM_callers_by_user_account_or_root_and_never_anonymous_ones(string principal, bool alice, bool mallory)
    {
        Assert.Equal(alice ? PolicyEffect.Allow : PolicyEffect.NotMatched, Evaluate(Allow(principal: principal), caller: Alice));
        Assert.Equal(mallory ? PolicyEffect.Allow : PolicyEffect.NotMatched, Evaluate(Allow(principal: principal), caller: Mallory));
        Assert.Equal(principal == "\"*\"" ? PolicyEffect.Allow : PolicyEffect.NotMatched, Evaluate(Allow(principal: principal)));
    }

    [Fact]
    public void IAM_caller_condition_keys_name_the_caller()
    {
        const string Condition = """
            {"StringEquals":{"aws:username":"alice","aws:PrincipalAccount":"111122223333","aws:PrincipalType":"User"},
             "ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/team/*"}}
            """;
        Assert.Equal(PolicyEffect.Allow, Evaluate(Allow(Condition), caller: Alice));
        Assert.Equal(PolicyEffect.NotMatched, Evaluate(Allow(Condition), caller: Mallory));
        Assert.Equal(PolicyEffect.NotMatched, Evaluate(Allow(Condition)));
    }

    [Fact]
    public void A_PRIVATE_APIs_policy_explicitly_denies_requests_that_did_not_arrive_on_a_private_listener()
    {
        Assert.Equal(PolicyEffect.ExplicitDeny, Evaluate(Allow(), privateOnly: true));
        Assert.Equal(PolicyEffect.ExplicitDeny, Evaluate(Allow(), c => c.Features.Set(new DataPlaneListener("public", false, null)), privateOnly: true));
        Assert.Equal(PolicyEffect.Allow, Evaluate(Allow(), c => c.Features.Set(new DataPlaneListener("internal", true, "vpce-1")), privateOnly: true));
    }

    [Fact]
    public void The_8192_character_quota_applies_to_the_policy_as_written_and_a_principal_is_required()
    {
        var longResource = "execute-api:/" + new string('a', 8000);
        var nearLimit = $$"""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"{{longResource}}"}]}""";
        Assert.True(nearLimit.Length <= ResourcePolicyReader.MaxLength);
        Assert.Equal(1, ResourcePolicyReader.Read(nearLimit, "eu-west-1", "111122223333", ApiId).StatementCount);

        var tooLong = nearLimit.Replace("aaaa", "aaaaa", StringComparison.Ordinal);
        Assert.Equal($"Policy document is {tooLong.Length} characters long; the maximum is 8192",
            Assert.Throws<PolicyDocumentException>(() => ResourcePolicyReader.Validate(tooLong)).Message);
        Assert.Equal("Every statement of a resource policy must have a Principal or NotPrincipal",
            Assert.Throws<PolicyDocumentException>(() => ResourcePolicyReader.Validate("""{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")).Message);
    }

    [Fact]
    public void Responses_show_the_policy_minified_with_quotes_escaped_as_API_Gateway_does()
    {
        Assert.Equal("""{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"a\\\\b<é>\"}]}""",
            ResourcePolicyWireFormat.Escape("""{ "Version": "2012-10-17", "Statement": [ { "Sid": "a\\b<é>" } ] }"""));
    }
}

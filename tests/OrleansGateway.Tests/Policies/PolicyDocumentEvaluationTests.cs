using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.Security.Policies;
using static OrleansGateway.Tests.Policies.PolicyRequests;

namespace OrleansGateway.Tests.Policies;

/// <summary>IAM evaluation: explicit deny wins, then any allow, else not matched; wildcards; principals.</summary>
public sealed class PolicyDocumentEvaluationTests
{
    [Theory]
    [InlineData("*", Arn, true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/*", Arn, true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets", Arn, true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pet", Arn, false)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets/*", Arn, false)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/*/GET/*", Arn, true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/*/POST/*", Arn, false)]
    [InlineData("arn:aws:execute-api:*:*:abc123/prod/*", Arn, true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/???/pets", Arn, true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/??/pets", Arn, false)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/*s", Arn, true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/*x", Arn, false)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:ABC123/prod/GET/pets", Arn, false)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/*/*/pets/*", "arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets/1/toys", true)]
    [InlineData("arn:aws:execute-api:us-east-1:000000000000:abc123/**/pets", Arn, true)]
    public void Resource_wildcards_follow_IAM_rules_with_star_spanning_slashes(string pattern, string resource, bool allowed)
    {
        var policy = PolicyDocument.Parse(AllowWith("", pattern));
        Assert.Equal(allowed ? PolicyEffect.Allow : PolicyEffect.NotMatched, policy.Evaluate(Anonymous(resource)));
    }

    [Theory]
    [InlineData("execute-api:Invoke", true)]
    [InlineData("execute-api:invoke", true)]
    [InlineData("EXECUTE-API:*", true)]
    [InlineData("execute-api:Inv*", true)]
    [InlineData("execute-api:InvalidateCache", false)]
    [InlineData("s3:*", false)]
    [InlineData("*", true)]
    public void Actions_match_case_insensitively_with_wildcards(string action, bool allowed)
    {
        var json = $$$"""{"Statement":{"Effect":"Allow","Principal":"*","Action":"{{{action}}}","Resource":"*"}}""";
        Assert.Equal(allowed ? PolicyEffect.Allow : PolicyEffect.NotMatched, PolicyDocument.Parse(json).Evaluate(Anonymous()));
    }

    [Fact]
    public void An_explicit_deny_wins_over_an_allow_in_either_order()
    {
        const string Allow = """{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}""";
        const string Deny = """{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:abc123/prod/GET/*"}""";
        Assert.Equal(PolicyEffect.ExplicitDeny, PolicyDocument.Parse($$"""{"Statement":[{{Allow}},{{Deny}}]}""").Evaluate(Anonymous()));
        Assert.Equal(PolicyEffect.ExplicitDeny, PolicyDocument.Parse($$"""{"Statement":[{{Deny}},{{Allow}}]}""").Evaluate(Anonymous()));
        Assert.Equal(PolicyEffect.Allow, PolicyDocument.Parse($$"""{"Statement":[{{Allow}},{{Deny}}]}""")
            .Evaluate(Anonymous("arn:aws:execute-api:us-east-1:000000000000:abc123/prod/POST/pets")));
    }

    [Fact]
    public void A_policy_with_no_matching_statement_is_not_matched_rather_than_denied()
    {
        var policy = PolicyDocument.Parse(AllowWith("", "arn:aws:execute-api:*:*:other/*"));
        Assert.Equal(PolicyEffect.NotMatched, policy.Evaluate(Anonymous()));
        Assert.Equal(PolicyEffect.NotMatched, PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[]}""").Evaluate(Anonymous()));
    }

    [Theory]
    [InlineData("NotAction", "execute-api:InvalidateCache", PolicyEffect.Allow)]
    [InlineData("NotAction", "execute-api:*", PolicyEffect.NotMatched)]
    [InlineData("NotResource", "arn:aws:execute-api:*:*:abc123/admin/*", PolicyEffect.Allow)]
    [InlineData("NotResource", "arn:aws:execute-api:*:*:abc123/prod/*", PolicyEffect.NotMatched)]
    public void NotAction_and_NotResource_apply_to_everything_except_what_they_list(string element, string value, PolicyEffect expected)
    {
        var other = element == "NotAction" ? "\"Resource\":\"*\"" : "\"Action\":\"execute-api:Invoke\"";
        var json = $$"""{"Statement":[{"Effect":"Allow","Principal":"*",{{other}},"{{element}}":["{{value}}"]}]}""";
        Assert.Equal(expected, PolicyDocument.Parse(json).Evaluate(Anonymous()));
    }

    public static TheoryData<string, string?, string?, PolicyEffect> PrincipalCases() => new()
    {
        { "\"*\"", null, null, PolicyEffect.Allow },
        { "\"*\"", "arn:aws:iam::111122223333:user/alice", "111122223333", PolicyEffect.Allow },
        { "{\"AWS\":\"*\"}", null, null, PolicyEffect.NotMatched },
        { "{\"AWS\":\"*\"}", "arn:aws:iam::111122223333:user/alice", "111122223333", PolicyEffect.Allow },
        { "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", "arn:aws:iam::111122223333:user/alice", "111122223333", PolicyEffect.Allow },
        { "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", "arn:aws:iam::111122223333:user/bob", "111122223333", PolicyEffect.NotMatched },
        { "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", null, null, PolicyEffect.NotMatched },
        { "{\"AWS\":\"111122223333\"}", "arn:aws:iam::111122223333:user/bob", "111122223333", PolicyEffect.Allow },
        { "{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "arn:aws:iam::111122223333:user/bob", "111122223333", PolicyEffect.Allow },
        { "{\"AWS\":[\"444455556666\",\"arn:aws:iam::111122223333:root\"]}", "arn:aws:iam::777788889999:user/bob", "777788889999", PolicyEffect.NotMatched },
        { "{\"Service\":\"lambda.amazonaws.com\"}", "arn:aws:iam::111122223333:user/bob", "111122223333", PolicyEffect.NotMatched },
    };

    [Theory]
    [MemberData(nameof(PrincipalCases))]
    public void Principals_match_IAM_callers_by_arn_or_account_and_star_matches_anonymous_callers_too(
        string principal, string? callerArn, string? account, PolicyEffect expected)
    {
        var json = $$"""{"Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"execute-api:Invoke","Resource":"*"}]}""";
        var request = new PolicyRequest("execute-api:Invoke", Arn, callerArn, account, Conditions());
        Assert.Equal(expected, PolicyDocument.Parse(json).Evaluate(request));
    }

    [Theory]
    [InlineData(null, PolicyEffect.ExplicitDeny)]
    [InlineData("arn:aws:iam::111122223333:user/alice", PolicyEffect.Allow)]
    [InlineData("arn:aws:iam::111122223333:user/bob", PolicyEffect.ExplicitDeny)]
    public void NotPrincipal_denies_everyone_except_the_listed_callers(string? callerArn, PolicyEffect expected)
    {
        const string Json = """
            {"Statement":[
              {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"},
              {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"execute-api:Invoke","Resource":"*"}]}
            """;
        var request = new PolicyRequest("execute-api:Invoke", Arn, callerArn, callerArn is null ? null : "111122223333", Conditions());
        Assert.Equal(expected, PolicyDocument.Parse(Json).Evaluate(request));
    }

    [Fact]
    public void A_statement_without_principal_applies_to_any_caller_as_in_identity_policies()
    {
        var policy = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:*","Resource":"*"}]}""");
        Assert.False(policy.EveryStatementHasPrincipal);
        Assert.Equal(PolicyEffect.Allow, policy.Evaluate(Iam("arn:aws:iam::000000000000:user/alice", "000000000000")));
    }

    [Fact]
    public void Conditions_on_different_keys_must_all_hold()
    {
        var policy = PolicyDocument.Parse(AllowWith("""
            {"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"StringEquals":{"aws:UserAgent":"curl/8"}}
            """));
        Assert.Equal(PolicyEffect.Allow, policy.Evaluate(Anonymous(Arn, "aws:sourceip=10.1.2.3", "aws:useragent=curl/8")));
        Assert.Equal(PolicyEffect.NotMatched, policy.Evaluate(Anonymous(Arn, "aws:sourceip=10.1.2.3", "aws:useragent=wget")));
        Assert.Equal(PolicyEffect.NotMatched, policy.Evaluate(Anonymous(Arn, "aws:sourceip=11.1.2.3", "aws:useragent=curl/8")));
    }

    [Fact]
    public void Evaluating_a_compiled_policy_does_not_allocate_for_string_and_wildcard_conditions()
    {
        var policy = PolicyDocument.Parse(AllowWith("""{"StringLike":{"aws:UserAgent":["*curl*","wget*"]},"StringEquals":{"aws:SourceVpce":"vpce-1"}}""",
            "arn:aws:execute-api:*:*:abc123/*/GET/*"));
        var request = Anonymous(Arn, "aws:useragent=x curl/8", "aws:sourcevpce=vpce-1");
        Assert.Equal(PolicyEffect.Allow, policy.Evaluate(request));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            policy.Evaluate(request);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.Security.Policies;
using static OrleansGateway.Tests.Policies.PolicyRequests;

namespace OrleansGateway.Tests.Policies;

/// <summary>Every condition operator, with present, absent and multi-valued request keys.</summary>
public sealed class PolicyConditionTests
{
    /// <summary>(condition JSON, request condition values joined by '|' or "" for none, holds?).</summary>
    public static TheoryData<string, string, bool> Cases() => new()
    {
        // Strings
        { """{"StringEquals":{"aws:UserAgent":"curl/8"}}""", "aws:useragent=curl/8", true },
        { """{"StringEquals":{"aws:UserAgent":"curl/8"}}""", "aws:useragent=Curl/8", false },
        { """{"StringEquals":{"aws:UserAgent":["wget","curl/8"]}}""", "aws:useragent=curl/8", true },
        { """{"StringEquals":{"aws:UserAgent":"curl/8"}}""", "", false },
        { """{"StringNotEquals":{"aws:UserAgent":"curl/8"}}""", "aws:useragent=wget", true },
        { """{"StringNotEquals":{"aws:UserAgent":["wget","curl/8"]}}""", "aws:useragent=wget", false },
        { """{"StringNotEquals":{"aws:UserAgent":"curl/8"}}""", "", true },
        { """{"StringEqualsIgnoreCase":{"aws:UserAgent":"CURL/8"}}""", "aws:useragent=curl/8", true },
        { """{"StringNotEqualsIgnoreCase":{"aws:UserAgent":"CURL/8"}}""", "aws:useragent=curl/8", false },
        { """{"StringLike":{"aws:Referer":"https://*.example.com/*"}}""", "aws:referer=https://www.example.com/a", true },
        { """{"StringLike":{"aws:Referer":"https://*.example.com/*"}}""", "aws:referer=https://example.org/a", false },
        { """{"StringLike":{"aws:SourceVpce":"vpce-0?"}}""", "aws:sourcevpce=vpce-01", true },
        { """{"StringNotLike":{"aws:SourceVpce":"vpce-0*"}}""", "aws:sourcevpce=vpce-01", false },
        { """{"StringNotLike":{"aws:SourceVpce":"vpce-0*"}}""", "aws:sourcevpce=vpce-11", true },
        // Condition keys are case-insensitive.
        { """{"StringEquals":{"AWS:SOURCEVPCE":"vpce-1"}}""", "aws:sourcevpce=vpce-1", true },
        // IfExists
        { """{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}""", "", true },
        { """{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}""", "aws:sourcevpce=vpce-2", false },
        { """{"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}}""", "", true },
        // IP addresses
        { """{"IpAddress":{"aws:SourceIp":"127.0.0.1/32"}}""", "aws:sourceip=127.0.0.1", true },
        { """{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""", "aws:sourceip=127.0.0.1", false },
        { """{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","127.0.0.0/8"]}}""", "aws:sourceip=127.9.9.9", true },
        { """{"IpAddress":{"aws:SourceIp":"127.0.0.1"}}""", "aws:sourceip=127.0.0.1", true },
        { """{"IpAddress":{"aws:SourceIp":"203.0.113.7/24"}}""", "aws:sourceip=203.0.113.200", true },
        { """{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}""", "aws:sourceip=8.8.8.8", true },
        { """{"IpAddress":{"aws:SourceIp":"127.0.0.1/32"}}""", "aws:sourceip=::ffff:127.0.0.1", true },
        { """{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}""", "aws:sourceip=2001:db8:1::5", true },
        { """{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}""", "aws:sourceip=2001:db9::5", false },
        { """{"IpAddress":{"aws:SourceIp":"::1/128"}}""", "aws:sourceip=::1", true },
        { """{"IpAddress":{"aws:SourceIp":"::1/128"}}""", "aws:sourceip=127.0.0.1", false },
        { """{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""", "aws:sourceip=not-an-ip", false },
        { """{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""", "aws:sourceip=127.0.0.1", true },
        { """{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","127.0.0.0/8"]}}""", "aws:sourceip=127.0.0.1", false },
        { """{"NotIpAddress":{"aws:SourceIp":"2001:db8::/32"}}""", "aws:sourceip=2001:db8::1", false },
        // Numbers
        { """{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}""", "aws:multifactorauthage=60", true },
        { """{"NumericLessThan":{"aws:MultiFactorAuthAge":3600}}""", "aws:multifactorauthage=3600", false },
        { """{"NumericLessThanEquals":{"aws:MultiFactorAuthAge":"3600"}}""", "aws:multifactorauthage=3600", true },
        { """{"NumericGreaterThan":{"aws:EpochTime":"100"}}""", "aws:epochtime=101", true },
        { """{"NumericGreaterThanEquals":{"aws:EpochTime":"100"}}""", "aws:epochtime=99", false },
        { """{"NumericEquals":{"aws:EpochTime":"1.50"}}""", "aws:epochtime=1.5", true },
        { """{"NumericNotEquals":{"aws:EpochTime":"1"}}""", "aws:epochtime=2", true },
        { """{"NumericEquals":{"aws:EpochTime":"1"}}""", "aws:epochtime=x", false },
        // Dates
        { """{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}""", "aws:currenttime=2026-11-24T19:00:00Z", true },
        { """{"DateGreaterThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}""", "aws:currenttime=2026-11-24T19:00:00Z", false },
        { """{"DateGreaterThanEquals":{"aws:CurrentTime":"2026-11-24T19:00:00Z"}}""", "aws:currenttime=2026-11-24T19:00:00Z", true },
        { """{"DateLessThanEquals":{"aws:EpochTime":"2026-11-24T19:00:00Z"}}""", "aws:epochtime=1795546800", true },
        { """{"DateEquals":{"aws:CurrentTime":"1795546800"}}""", "aws:currenttime=2026-11-24T19:00:00Z", true },
        { """{"DateNotEquals":{"aws:CurrentTime":"1795546800"}}""", "aws:currenttime=2026-11-24T19:00:01Z", true },
        // Bool and Null
        { """{"Bool":{"aws:SecureTransport":"true"}}""", "aws:securetransport=true", true },
        { """{"Bool":{"aws:SecureTransport":true}}""", "aws:securetransport=false", false },
        { """{"Bool":{"aws:SecureTransport":"false"}}""", "", false },
        { """{"BoolIfExists":{"aws:SecureTransport":"false"}}""", "", true },
        { """{"Null":{"aws:SourceVpce":"true"}}""", "", true },
        { """{"Null":{"aws:SourceVpce":"true"}}""", "aws:sourcevpce=vpce-1", false },
        { """{"Null":{"aws:SourceVpce":"false"}}""", "aws:sourcevpce=vpce-1", true },
        // ARNs
        { """{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/a*"}}""", "aws:principalarn=arn:aws:iam::111122223333:user/alice", true },
        { """{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/alice"}}""", "aws:principalarn=arn:aws:iam::111122223333:user/alice", true },
        { """{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/a*"}}""", "aws:principalarn=arn:aws:iam::111122223333:user/bob", true },
        { """{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/alice"}}""", "aws:principalarn=arn:aws:iam::111122223333:user/alice", false },
        // Set qualifiers over multi-valued keys
        { """{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}""", "aws:tagkeys=b|aws:tagkeys=z", true },
        { """{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}""", "aws:tagkeys=y|aws:tagkeys=z", false },
        { """{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}""", "", false },
        { """{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}""", "aws:tagkeys=a|aws:tagkeys=b", true },
        { """{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}""", "aws:tagkeys=a|aws:tagkeys=z", false },
        { """{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}""", "", true },
        { """{"ForAllValues:StringNotEquals":{"aws:TagKeys":["a"]}}""", "aws:tagkeys=b|aws:tagkeys=c", true },
        { """{"ForAnyValue:StringNotLike":{"aws:TagKeys":["a*"]}}""", "aws:tagkeys=ab|aws:tagkeys=c", true },
        { """{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["a"]}}""", "", true },
        // Several values for one key without a qualifier: a positive test needs one match, a negated one none.
        { """{"StringEquals":{"aws:TagKeys":"a"}}""", "aws:tagkeys=z|aws:tagkeys=a", true },
        { """{"StringNotEquals":{"aws:TagKeys":"a"}}""", "aws:tagkeys=z|aws:tagkeys=a", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Condition_operators_follow_IAM_semantics(string condition, string requestValues, bool holds)
    {
        var policy = PolicyDocument.Parse(AllowWith(condition));
        var values = requestValues.Length == 0 ? [] : requestValues.Split('|');
        Assert.Equal(holds ? PolicyEffect.Allow : PolicyEffect.NotMatched, policy.Evaluate(Anonymous(Arn, values)));
    }
}

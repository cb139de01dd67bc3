using OrleansGateway.Edge.Security.Policies;
using static OrleansGateway.Tests.Policies.PolicyRequests;

namespace OrleansGateway.Tests.Policies;

/// <summary>What <see cref="PolicyDocument.Parse"/> accepts, and the precise message for what it refuses.</summary>
public sealed class PolicyDocumentParseTests
{
    private const string Allow = "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"";
    private const string Open = "{" + Allow;
    private const string S = Open + "}";

    [Theory]
    [InlineData($$$$"""{"Version":"2012-10-17","Statement":[{{{{S}}}}]}""")]
    [InlineData($$$$"""{"Version":"2008-10-17","Id":"p1","Statement":{{{{Open}}}},"Sid":"s1"}}""")]
    [InlineData($$$$"""{"Statement":[{{{{S}}}}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":{"AWS":["*","123456789012","arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:user/x"]},"NotAction":["s3:*"],"NotResource":"arn:aws:execute-api:*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com","Federated":"cognito-identity.amazonaws.com"},"Action":"*","Resource":["a","b"]}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"execute-api:*","Resource":"*"}]}""")]
    public void Valid_documents_parse(string json)
    {
        Assert.True(PolicyDocument.Parse(json).StatementCount >= 1);
    }

    public static TheoryData<string, string> Invalid() => new()
    {
        { "{", "Policy document is not valid JSON" },
        { "", "Policy document is empty" },
        { "[]", "Policy document must be a JSON object" },
        { """{"Version":"2012-10-17"}""", "Policy document has no Statement" },
        { """{"Statement":"x"}""", "Statement must be an object or an array of objects" },
        { """{"Version":"2020-01-01","Statement":[]}""", "Version must be \"2012-10-17\" or \"2008-10-17\", not \"2020-01-01\"" },
        { $$$$"""{"Statement":[{{{{S}}}}],"Extra":1}""", "Unknown field \"Extra\" in policy document" },
        { $$$$"""{"statement":[{{{{S}}}}]}""", "Unknown field \"statement\" in policy document" },
        { $$$$"""{"Statement":[{{{{S}}}}],"Statement":[]}""", "Duplicate field \"Statement\" in policy document" },
        { $$$$"""{"Statement":[{{{{S}}}},{{{{Open}}}}, "Condtion":{}}]}""", "Unknown field \"Condtion\" in Statement[1]" },
        { """{"Statement":[{"Effect":"Permit","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}""", "Statement[0].Effect must be \"Allow\" or \"Deny\", not \"Permit\"" },
        { """{"Statement":[{"Effect":"allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}""", "Statement[0].Effect must be \"Allow\" or \"Deny\", not \"allow\"" },
        { """{"Statement":[{"Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}""", "Statement[0] has no Effect" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Resource":"*"}]}""", "Statement[0] has no Action or NotAction" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke"}]}""", "Statement[0] has no Resource or NotResource" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","NotAction":"s3:*","Resource":"*"}]}""", "Statement[0] has both Action and NotAction" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"a:b","Resource":"*"}]}""", "Statement[0] has both Principal and NotPrincipal" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"Invoke","Resource":"*"}]}""", "Statement[0].Action: \"Invoke\" is not \"*\" or \"service:action\"" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":[],"Resource":"*"}]}""", "Statement[0].Action must list 1-256 values, not 0" },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":5,"Resource":"*"}]}""", "Statement[0].Action must be a string or an array of strings, not number" },
        { """{"Statement":[{"Effect":"Allow","Principal":"someone","Action":"a:b","Resource":"*"}]}""", "Statement[0].Principal must be \"*\" or an object" },
        { """{"Statement":[{"Effect":"Allow","Principal":{"User":"x"},"Action":"a:b","Resource":"*"}]}""", "Unknown principal type \"User\" in Statement[0].Principal" },
        { """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"alice"},"Action":"a:b","Resource":"*"}]}""", "Statement[0].Principal.AWS: \"alice\" is not \"*\", an account id or an ARN" },
        { """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"a:b","Resource":"*"}]}""", "Statement[0].Principal.AWS: \"arn:aws:iam::*:root\" has a wildcard; only \"*\" alone may stand for any principal" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}}]}""", "Statement[0].Condition.IpAddress.aws:SourceIp: \"10.0.0.0/33\" is not a valid CIDR block (prefix must be 0-32)" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.256/8"}}}]}""", "\"10.0.0.256/8\" is not a valid IP address or CIDR block" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"IpAddress":{"aws:SourceIp":"10.1/16"}}}]}""", "\"10.1/16\" is not a valid IP address or CIDR block" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"NotIpAddress":{"aws:SourceIp":"2001:db8::/129"}}}]}""", "(prefix must be 0-128)" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/x"}}}]}""", "is not a valid CIDR block" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"StringMatches":{"aws:UserAgent":"x"}}}]}""", "Unknown condition operator \"StringMatches\" in Statement[0].Condition" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"stringequals":{"aws:UserAgent":"x"}}}]}""", "Unknown condition operator \"stringequals\"" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"ForSomeValues:StringEquals":{"aws:UserAgent":"x"}}}]}""", "Unknown condition operator \"ForSomeValues:StringEquals\"" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"NullIfExists":{"aws:UserAgent":"true"}}}]}""", "Unknown condition operator \"NullIfExists\"" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"Null":{"aws:UserAgent":"maybe"}}}]}""", "Null takes a single true or false" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"Bool":{"aws:SecureTransport":"yes"}}}]}""", "\"yes\" is not true or false" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"NumericLessThan":{"aws:EpochTime":"ten"}}}]}""", "\"ten\" is not a number" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}}]}""", "\"tomorrow\" is not a date" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"StringEquals":"x"}}]}""", "Statement[0].Condition.StringEquals must be an object of condition keys" },
        { "{\"Statement\":[" + Open + ",\"Condition\":{\"StringEquals\":{\"aws:UserAgent\":{\"a\":1}}}}]}", "must be a string or an array of strings, not object" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":[]}]}""", "Statement[0].Condition must be an object of operators" },
        { $$$$"""{"Statement":[{{{{Open}}}},"Condition":{"StringEquals":{"a":[[[[["x"]]]]]}}}]}""", "nested deeper than 8 levels" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_documents_are_refused_with_a_message_that_says_what_is_wrong(string json, string message)
    {
        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_longer_than_the_limit_is_refused_before_parsing()
    {
        var json = AllowWith("", new string('a', 9000));
        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(json, maxLength: 8192));
        Assert.Equal($"Policy document is {json.Length} characters long; the maximum is 8192", error.Message);
        Assert.Equal(1, PolicyDocument.Parse(json).StatementCount);
    }

    [Fact]
    public void More_than_one_hundred_statements_are_refused()
    {
        var statements = string.Join(",", Enumerable.Repeat(S, 101));
        var error = Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse($"{{\"Statement\":[{statements}]}}", 100_000));
        Assert.Equal("Policy document has 101 statements; the maximum is 100", error.Message);
        Assert.Equal(100, PolicyDocument.Parse($"{{\"Statement\":[{string.Join(",", Enumerable.Repeat(S, 100))}]}}", 100_000).StatementCount);
    }
}

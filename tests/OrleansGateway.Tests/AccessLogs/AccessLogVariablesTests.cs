using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Tests.AccessLogs;

/// <summary>The variable catalogue the stage grain validates formats with.</summary>
public sealed class AccessLogVariablesTests
{
    [Theory]
    [InlineData("$context.requestId $context.status", new string[0])]
    [InlineData("{\"id\":\"$context.requestId\",\"sub\":\"$context.authorizer.claims.cognito:username\",\"t\":\"$context.authorizer.tenant-id\"}", new string[0])]
    [InlineData("[$context.requestTime] \"$context.httpMethod $context.resourcePath $context.protocol\".", new string[0])]
    [InlineData("$context.requestId $context.statusCode $context.identity.apiKeyValue $context.statusCode", new[] { "$context.statusCode", "$context.identity.apiKeyValue" })]
    [InlineData("$context.requestId $context.authorizer.claims.", new[] { "$context.authorizer.claims" })]
    public void Unknown_variables_are_found_once_each_in_order(string format, string[] unknown)
    {
        Assert.Equal(unknown, AccessLogVariables.FindUnknown(format));
    }

    [Fact]
    public void A_variable_ends_at_the_first_character_that_cannot_continue_its_name()
    {
        var names = AccessLogVariables.Parse("<s>$context.status</s>,$context.identity.sourceIp.$context.error.messageString").Select(v => v.Name);

        Assert.Equal(["status", "identity.sourceIp", "error.messageString"], names);
    }
}

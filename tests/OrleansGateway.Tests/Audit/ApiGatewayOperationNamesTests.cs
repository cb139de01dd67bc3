using Microsoft.AspNetCore.Http;
using OrleansGateway.Edge.Management.Audit;

namespace OrleansGateway.Tests.Audit;

public sealed class ApiGatewayOperationNamesTests
{
    [Theory]
    [InlineData("POST", "/restapis", "", "CreateRestApi")]
    [InlineData("POST", "/restapis", "?mode=import", "ImportRestApi")]
    [InlineData("GET", "/restapis", "", "GetRestApis")]
    [InlineData("GET", "/restapis/{restApiId}", "", "GetRestApi")]
    [InlineData("PUT", "/restapis/{restApiId}", "", "PutRestApi")]
    [InlineData("PATCH", "/restapis/{restApiId}/stages/{stageName}", "", "UpdateStage")]
    [InlineData("DELETE", "/restapis/{restApiId}/deployments/{deploymentId}", "", "DeleteDeployment")]
    [InlineData("PATCH", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}", "", "UpdateMethod")]
    [InlineData("POST", "/usageplans/{usagePlanId}/keys", "", "CreateUsagePlanKey")]
    [InlineData("POST", "/apikeys", "?mode=import&format=csv", "ImportApiKeys")]
    [InlineData("GET", "/usageplans/{usagePlanId}/usage", "", "GetUsage")]
    [InlineData("GET", "/gateway/audit/verify", "", "GetAuditVerify")]
    public void Names_calls_as_CloudTrail_does(string method, string pattern, string query, string expected) =>
        Assert.Equal(expected, ApiGatewayOperationNames.Name(method, pattern, new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query))));
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.OpenApi;
using static OrleansGateway.Tests.Policies.PolicyTestEdge;

namespace OrleansGateway.Tests.Policies;

/// <summary>
/// Resource policies on a whole dev-mode edge, configured through import and the management API as
/// a user would: what a caller on 127.0.0.1 gets for each policy.
/// </summary>
public sealed class ResourcePolicyEnforcementTests(PolicyTestEdge fixture) : IClassFixture<PolicyTestEdge>
{
    private const string ErrorType = "AccessDeniedException";

    [Fact]
    public async Task A_NONE_method_is_served_when_the_policy_allows_the_callers_IP()
    {
        var apiId = await fixture.ImportAsync(Policy(Statement("Allow", """{"IpAddress":{"aws:SourceIp":"127.0.0.1/32"}}""")));
        await fixture.DeployAsync(apiId);

        using var response = await fixture.Edge.GetAsync(apiId, "/prod/pets");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pets", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_policy_allowing_only_another_network_refuses_with_API_Gateways_implicit_deny_message()
    {
        var apiId = await fixture.ImportAsync(Policy(Statement("Allow", """{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""")));
        await fixture.DeployAsync(apiId);

        using var response = await fixture.Edge.GetAsync(apiId, "/prod/pets");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(apiId)}", ErrorType);
    }

    [Fact]
    public async Task An_explicit_deny_of_the_callers_IP_wins_over_an_allow_and_says_so()
    {
        var apiId = await fixture.ImportAsync(Policy(
            Statement("Allow"),
            Statement("Deny", """{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","127.0.0.0/8"]}}""")));
        await fixture.DeployAsync(apiId);

        using var response = await fixture.Edge.GetAsync(apiId, "/prod/pets");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(apiId)} with an explicit deny", ErrorType);
    }

    [Fact]
    public async Task NotIpAddress_denies_every_caller_outside_the_listed_networks()
    {
        var inside = await fixture.ImportAsync(Policy(Statement("Allow"), Statement("Deny", """{"NotIpAddress":{"aws:SourceIp":"127.0.0.1/32"}}""")));
        var outside = await fixture.ImportAsync(Policy(Statement("Allow"), Statement("Deny", """{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""")));
        await fixture.DeployAsync(inside);
        await fixture.DeployAsync(outside);

        using var allowed = await fixture.Edge.GetAsync(inside, "/prod/pets");
        using var denied = await fixture.Edge.GetAsync(outside, "/prod/pets");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await ResponseAssertions.AssertGatewayErrorAsync(denied, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(outside)} with an explicit deny", ErrorType);
    }

    [Fact]
    public async Task X_Forwarded_For_does_not_change_the_source_IP_a_policy_sees()
    {
        var apiId = await fixture.ImportAsync(Policy(Statement("Allow", """{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""")));
        await fixture.DeployAsync(apiId);

        using var response = await fixture.Edge.GetAsync(apiId, "/prod/pets", h => h.Add("X-Forwarded-For", "10.1.2.3"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SourceVpce_is_the_VPC_endpoint_id_of_the_listener_the_request_arrived_on()
    {
        var apiId = await fixture.ImportAsync(Policy(Statement("Allow", """{"StringEquals":{"aws:SourceVpce":"vpce-0allowed"}}""")));
        await fixture.DeployAsync(apiId);

        using var allowed = await fixture.GetAsync(apiId, "/prod/pets", "vpce-0allowed");
        using var otherEndpoint = await fixture.GetAsync(apiId, "/prod/pets", "vpce-0other");
        using var publicListener = await fixture.Edge.GetAsync(apiId, "/prod/pets");
        using var spoofed = await fixture.Edge.GetAsync(apiId, "/prod/pets", h => h.Add("x-apigw-api-vpce", "vpce-0allowed"));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        foreach (var response in new[] { otherEndpoint, publicListener, spoofed })
        {
            await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden,
                $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(apiId)}", ErrorType);
        }
    }

    [Fact]
    public async Task Shorthand_resources_name_methods_of_this_API_only()
    {
        var apiId = await fixture.ImportAsync(Policy(Statement("Allow", resource: "execute-api:/prod/GET/pets")));
        await fixture.DeployAsync(apiId);
        await fixture.DeployAsync(apiId, "beta");

        using var prod = await fixture.Edge.GetAsync(apiId, "/prod/pets");
        using var beta = await fixture.Edge.GetAsync(apiId, "/beta/pets");

        Assert.Equal(HttpStatusCode.OK, prod.StatusCode);
        await ResponseAssertions.AssertGatewayErrorAsync(beta, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(apiId, "beta")}", ErrorType);
    }

    [Fact]
    public async Task A_principal_naming_an_AWS_account_does_not_match_anonymous_callers()
    {
        var apiId = await fixture.ImportAsync(Policy(Statement("Allow", principal: """{"AWS":"arn:aws:iam::000000000000:root"}""")));
        await fixture.DeployAsync(apiId);

        using var response = await fixture.Edge.GetAsync(apiId, "/prod/pets");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(apiId)}", ErrorType);
    }

    [Fact]
    public async Task The_SAM_ip_deny_conformance_document_allows_its_method_and_denies_the_listed_IP()
    {
        var document = JsonNode.Parse(ConformanceDocuments.ResolvedCloudFormation("curated/sam_rest-resource-policy-ip-deny.swagger2.cfn.json"))!;
        // The method's Lambda proxy integration is replaced by a MOCK: the policy, not Lambda, is under test.
        document["paths"]!["/get"]!["put"]!["x-amazon-apigateway-integration"] = JsonNode.Parse("""
            {"type":"mock","requestTemplates":{"application/json":"{\"statusCode\": 200}"},
             "responses":{"default":{"statusCode":"200","responseTemplates":{"application/json":"put-ok"}}}}
            """);
        using var management = fixture.Edge.Management();
        var allowedApi = await management.ImportAsync(document.ToJsonString());
        var denyStatement = document["x-amazon-apigateway-policy"]!["Statement"]![2]!;
        denyStatement["Condition"]!["IpAddress"]!["aws:SourceIp"] = new JsonArray("1.2.3.4", "127.0.0.1");
        var deniedApi = await management.ImportAsync(document.ToJsonString());
        await fixture.DeployAsync(allowedApi, "Prod", probe: () => Put(allowedApi));
        await fixture.DeployAsync(deniedApi, "Prod", probe: () => Put(deniedApi));

        using var allowed = await Put(allowedApi);
        using var denied = await Put(deniedApi);
        using var otherMethod = await Put(allowedApi, "/Prod/get", HttpMethod.Post);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("put-ok", await allowed.Content.ReadAsStringAsync());
        await ResponseAssertions.AssertGatewayErrorAsync(denied, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(deniedApi, "Prod", "PUT", "get")} with an explicit deny", ErrorType);
        Assert.Equal(HttpStatusCode.Forbidden, otherMethod.StatusCode);
    }

    [Fact]
    public async Task UpdateRestApi_policy_takes_effect_on_the_next_deployment_and_GetRestApi_shows_it_escaped()
    {
        var apiId = await fixture.ImportAsync(Policy(Statement("Allow")));
        await fixture.DeployAsync(apiId);
        var denying = Policy(Statement("Allow"), Statement("Deny", """{"IpAddress":{"aws:SourceIp":"127.0.0.1"}}"""));
        using var management = fixture.Edge.Management();

        await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}",
            new { patchOperations = new[] { new { op = "replace", path = "/policy", value = denying } } });
        using var beforeRedeploy = await fixture.Edge.GetAsync(apiId, "/prod/pets");
        await fixture.DeployAsync(apiId, served: r => r.StatusCode == HttpStatusCode.Forbidden);
        using var afterRedeploy = await fixture.Edge.GetAsync(apiId, "/prod/pets");
        var api = await management.GetRestApiAsync(apiId);

        Assert.Equal(HttpStatusCode.OK, beforeRedeploy.StatusCode);
        await ResponseAssertions.AssertGatewayErrorAsync(afterRedeploy, HttpStatusCode.Forbidden,
            $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(apiId)} with an explicit deny", ErrorType);
        Assert.Equal(JsonNode.Parse(denying)!.ToJsonString().Replace("\"", "\\\"", StringComparison.Ordinal), api.GetProperty("policy").GetString());

        await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}",
            new { patchOperations = new[] { new { op = "replace", path = "/policy", value = "" } } });
        await fixture.DeployAsync(apiId, served: r => r.StatusCode == HttpStatusCode.OK);
        Assert.False((await management.GetRestApiAsync(apiId)).TryGetProperty("policy", out _));
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}""",
        "Statement[0].Effect must be \"Allow\" or \"Deny\", not \"Permit\"")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/40"}}}]}""",
        "\"10.0.0.0/40\" is not a valid CIDR block (prefix must be 0-32)")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Colour":"red"}]}""",
        "Unknown field \"Colour\" in Statement[0]")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""",
        "Every statement of a resource policy must have a Principal or NotPrincipal")]
    public async Task A_bad_policy_is_refused_with_400_and_says_what_is_wrong_on_update_create_and_import(string policy, string problem)
    {
        var apiId = await fixture.ImportAsync();

        var update = await fixture.FailingAsync(m => m.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}",
            new { patchOperations = new[] { new { op = "replace", path = "/policy", value = policy } } }));
        var create = await fixture.FailingAsync(m => m.SendJsonAsync(HttpMethod.Post, "/restapis", new { name = "bad-policy", policy }));
        var import = await fixture.FailingAsync(m => m.ImportAsync(
            "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"bad-policy\",\"version\":\"1\"},\"x-amazon-apigateway-policy\":" + policy + ",\"paths\":{}}"));

        foreach (var (status, message) in new[] { update, create, import })
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(problem, message, StringComparison.Ordinal);
        }
        Assert.StartsWith("Invalid policy document. Please check the policy syntax and try again.", update.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PRIVATE_API_cannot_be_deployed_without_a_policy_and_is_served_only_on_a_private_listener()
    {
        var apiId = await fixture.ImportAsync(endpointType: "PRIVATE");

        var (status, message) = await fixture.FailingAsync(m => m.DeployAsync(apiId, "prod", new Dictionary<string, string>()));
        using var management = fixture.Edge.Management();
        await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}",
            new { patchOperations = new[] { new { op = "replace", path = "/policy", value = Policy(Statement("Allow")) } } });
        await fixture.DeployAsync(apiId);
        using var onPrivate = await fixture.GetAsync(apiId, "/prod/pets", "vpce-0abc");
        using var onPublic = await fixture.Edge.GetAsync(apiId, "/prod/pets");
        using var onNamedPublic = await fixture.Edge.GetAsync(apiId, "/prod/pets", h => h.Add(TestListenerHostingStartup.Header, "public"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Private REST API doesn't have a resource policy attached to it", message);
        Assert.Equal(HttpStatusCode.OK, onPrivate.StatusCode);
        foreach (var response in new[] { onPublic, onNamedPublic })
        {
            await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden,
                $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {MethodArn(apiId)} with an explicit deny", ErrorType);
        }
    }

    private Task<HttpResponseMessage> Put(string apiId, string path = "/Prod/get", HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Put, $"http://127.0.0.1:{fixture.Edge.DataPort}{path}")
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.Host = $"{apiId}.execute-api.localhost";
        return fixture.Edge.Data.SendAsync(request);
    }
}

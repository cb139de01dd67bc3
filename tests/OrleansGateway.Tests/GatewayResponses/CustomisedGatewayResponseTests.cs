using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.GatewayResponses;

/// <summary>
/// Gateway responses customised through <c>x-amazon-apigateway-gateway-responses</c>, seen through a
/// whole dev-mode edge: imported, deployed and called as a user would.
/// </summary>
public sealed class CustomisedGatewayResponseTests(InProcessDevEdge edge) : IClassFixture<InProcessDevEdge>
{
    [Fact]
    public async Task A_customised_MISSING_AUTHENTICATION_TOKEN_answers_404_with_its_header_and_a_JSON_body_naming_the_request()
    {
        var api = await DeployAsync(plan: null);

        using var response = await edge.GetAsync(api.ApiId, "/prod/nowhere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("custom", Header(response, "x-gw"));
        Assert.Equal("MissingAuthenticationTokenException", Header(response, "x-amzn-ErrorType"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Missing Authentication Token", body.RootElement.GetProperty("message").GetString());
        Assert.Equal(Header(response, "x-amzn-RequestId"), body.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("MISSING_AUTHENTICATION_TOKEN", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("prod", body.RootElement.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_header_mapped_from_method_request_header_carries_the_callers_value()
    {
        var api = await DeployAsync(plan: null);

        using var traced = await edge.GetAsync(api.ApiId, "/prod/nowhere", h => h.Add("x-trace", "trace-42"));
        using var untraced = await edge.GetAsync(api.ApiId, "/prod/nowhere");

        Assert.Equal("trace-42", Header(traced, "x-trace-echo"));
        Assert.Null(Header(untraced, "x-trace-echo"));
    }

    [Fact]
    public async Task DEFAULT_4XX_applies_to_INVALID_API_KEY_which_has_no_customisation_of_its_own()
    {
        var api = await DeployAsync(plan: new { rateLimit = 100, burstLimit = 100 });

        using var response = await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", "unknown-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("ForbiddenException", Header(response, "x-amzn-ErrorType"));
        Assert.Equal("""{"error":"INVALID_API_KEY","msg":"Forbidden"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_customised_THROTTLED_keeps_Retry_After_and_adds_its_headers_and_body()
    {
        var api = await DeployAsync(plan: new { rateLimit = 0.5, burstLimit = 1 });

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", api.Key!)));
        }
        var throttled = responses[^1];

        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("slow-down", Header(throttled, "x-reason"));
        Assert.Null(Header(throttled, "Access-Control-Allow-Origin")); // its own customisation wins over DEFAULT_4XX
        Assert.Equal("""{"throttled":"Too Many Requests"}""", await throttled.Content.ReadAsStringAsync());
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task DEFAULT_5XX_changes_the_status_and_headers_of_a_backend_failure_but_keeps_the_default_body()
    {
        var api = await DeployAsync(plan: null);

        using var response = await edge.GetAsync(api.ApiId, "/prod/broken");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("yes", Header(response, "x-gw-5xx"));
        Assert.Equal("InternalServerErrorException", Header(response, "x-amzn-ErrorType"));
        Assert.Equal("""{"message":"Internal server error"}""", await response.Content.ReadAsStringAsync());
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    private async Task<(string ApiId, string? Key)> DeployAsync(object? plan)
    {
        using var management = edge.Management();
        var apiId = await management.ImportAsync(Document(FreePorts.Next()));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string> { ["reason"] = "slow-down" });
        string? key = null;
        if (plan is not null)
        {
            key = "gateway-responses-" + Guid.NewGuid().ToString("N");
            var keyId = (await management.SendJsonAsync(HttpMethod.Post, "/apikeys", new { name = "tenant", enabled = true, value = key }))
                .GetProperty("id").GetString()!;
            var planId = (await management.SendJsonAsync(HttpMethod.Post, "/usageplans", new
            {
                name = "plan-" + apiId,
                apiStages = new[] { new { apiId, stage = "prod" } },
                throttle = plan,
            })).GetProperty("id").GetString()!;
            await management.SendJsonAsync(HttpMethod.Post, $"/usageplans/{planId}/keys", new { keyId, keyType = "API_KEY" });
        }
        await WaitUntilServedAsync(apiId);
        return (apiId, key);
    }

    /// <summary>Waits for the stage push (the customised 404 replaces the default 403 once it is served), then for the plan push.</summary>
    private async Task WaitUntilServedAsync(string apiId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await edge.GetAsync(apiId, "/prod/nowhere");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                break;
            }
            await Task.Delay(50);
        }
        await Task.Delay(300);
    }

    private static string Document(int closedPort) => $$"""
        {
          "openapi": "3.0.1",
          "info": { "title": "gateway-responses", "version": "1" },
          "components": { "securitySchemes": { "api_key": { "type": "apiKey", "name": "x-api-key", "in": "header" } } },
          "x-amazon-apigateway-gateway-responses": {
            "MISSING_AUTHENTICATION_TOKEN": {
              "statusCode": "404",
              "responseParameters": {
                "gatewayresponse.header.x-gw": "'custom'",
                "gatewayresponse.header.x-trace-echo": "method.request.header.x-trace"
              },
              "responseTemplates": {
                "application/json": "{\"message\":$context.error.messageString,\"requestId\":\"$context.requestId\",\"type\":\"$context.error.responseType\",\"stage\":\"$context.stage\"}"
              }
            },
            "DEFAULT_4XX": {
              "responseParameters": { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
              "responseTemplates": { "application/json": "{\"error\":\"$context.error.responseType\",\"msg\":\"$context.error.message\"}" }
            },
            "THROTTLED": {
              "responseParameters": { "gatewayresponse.header.x-reason": "stageVariables.reason" },
              "responseTemplates": { "application/json": "{\"throttled\":$context.error.messageString}" }
            },
            "DEFAULT_5XX": {
              "statusCode": "503",
              "responseParameters": { "gatewayresponse.header.x-gw-5xx": "'yes'" }
            }
          },
          "paths": {
            "/hello": {
              "get": {
                "security": [ { "api_key": [] } ],
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "mock",
                  "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
                  "responses": { "default": { "statusCode": "200", "responseTemplates": { "application/json": "hello" } } }
                }
              }
            },
            "/broken": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "http_proxy", "httpMethod": "GET", "uri": "http://127.0.0.1:{{closedPort}}/nothing-listens"
                }
              }
            }
          }
        }
        """;
}

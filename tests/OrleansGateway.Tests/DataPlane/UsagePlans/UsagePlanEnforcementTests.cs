using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.DataPlane.UsagePlans;

/// <summary>
/// API keys, plan throttles, stage throttles and quotas on a whole dev-mode edge, configured through
/// the management API as a user would. Each test makes its own API, key and plan.
/// </summary>
public sealed class UsagePlanEnforcementTests(InProcessDevEdge edge) : IClassFixture<InProcessDevEdge>
{
    private const string Body = "keyed-ok";

    [Fact]
    public async Task A_method_that_requires_a_key_answers_403_without_one_with_an_unknown_one_and_with_an_absurd_one()
    {
        var api = await ApiWithPlanAsync(throttle: null, quota: null);

        using var none = await edge.GetAsync(api.ApiId, "/prod/hello");
        using var unknown = await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", "not-a-key-" + Guid.NewGuid().ToString("N")));
        using var absurd = await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", new string('k', 5000)));

        foreach (var response in new[] { none, unknown, absurd })
        {
            await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenException");
        }
    }

    [Fact]
    public async Task A_valid_key_in_a_plan_for_the_stage_is_admitted_and_a_method_without_apiKeyRequired_needs_none()
    {
        var api = await ApiWithPlanAsync(throttle: null, quota: null);

        using var keyed = await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", api.Key));
        using var open = await edge.GetAsync(api.ApiId, "/prod/open");

        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal(Body, await keyed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task Disabling_a_key_refuses_it_within_a_second()
    {
        var api = await ApiWithPlanAsync(throttle: null, quota: null);
        using (var before = await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", api.Key)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var management = edge.Management();
        await management.SendJsonAsync(HttpMethod.Patch, $"/apikeys/{api.KeyId}",
            new { patchOperations = new[] { new { op = "replace", path = "/enabled", value = "false" } } });
        await Task.Delay(TimeSpan.FromSeconds(1));

        using var after = await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", api.Key));
        await ResponseAssertions.AssertGatewayErrorAsync(after, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenException");
    }

    [Fact]
    public async Task A_key_whose_plan_does_not_cover_the_stage_is_refused()
    {
        var api = await ApiWithPlanAsync(throttle: null, quota: null);
        using var management = edge.Management();
        await management.DeployAsync(api.ApiId, "beta", new Dictionary<string, string>());

        // The new stage reaches the edge by push; until then the route is unknown (also a 403, with another message).
        HttpResponseMessage response;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            response = await edge.GetAsync(api.ApiId, "/beta/hello", h => h.Add("x-api-key", api.Key));
            if (response.Headers.TryGetValues("x-amzn-ErrorType", out var type) && type.Single() == "MissingAuthenticationTokenException"
                && DateTime.UtcNow < deadline)
            {
                response.Dispose();
                await Task.Delay(50);
                continue;
            }
            break;
        }
        using var _ = response;

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenException");
    }

    [Fact]
    public async Task Past_the_plan_burst_requests_are_throttled_with_429_and_Retry_After()
    {
        var api = await ApiWithPlanAsync(throttle: new { rateLimit = 0.5, burstLimit = 3 }, quota: null);

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", api.Key)));
        }

        Assert.Equal(3, statuses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var throttled = statuses.Last();
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
        await ResponseAssertions.AssertGatewayErrorAsync(throttled, HttpStatusCode.TooManyRequests, "Too Many Requests", "TooManyRequestsException");
        statuses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task A_used_up_quota_answers_429_Limit_Exceeded_with_Retry_After()
    {
        var api = await ApiWithPlanAsync(throttle: null, quota: new { limit = 5, period = "DAY" });

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
        {
            responses.Add(await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", api.Key)));
        }

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Last();
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await ResponseAssertions.AssertGatewayErrorAsync(refused, HttpStatusCode.TooManyRequests, "Limit Exceeded", "LimitExceededException");
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Quota_units_an_edge_holds_for_a_key_that_goes_quiet_are_released_not_counted_as_used()
    {
        var api = await ApiWithPlanAsync(throttle: null, quota: new { limit = 100, period = "DAY" });
        for (var i = 0; i < 5; i++)
        {
            using var response = await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", api.Key));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Longer than a grant's lifetime plus the grain's forfeit margin (10 s + 2 s): had the edge
        // not given the rest back, the grain would now count the whole grant as used.
        await Task.Delay(TimeSpan.FromSeconds(13));

        using var management = edge.Management();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var usage = await management.SendAsync(HttpMethod.Get, $"/usageplans/{api.PlanId}/usage?startDate={today}&endDate={today}&keyId={api.KeyId}", null);
        var day = usage.GetProperty("values").GetProperty(api.KeyId)[0];
        Assert.Equal(5, day[0].GetInt64());
        Assert.Equal(95, day[1].GetInt64());
    }

    [Fact]
    public async Task A_stage_method_throttle_set_through_UpdateStage_applies_to_requests_without_keys()
    {
        var api = await ApiWithPlanAsync(throttle: null, quota: null);
        using var management = edge.Management();
        await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{api.ApiId}/stages/prod", new
        {
            patchOperations = new[]
            {
                new { op = "replace", path = "/~1open/GET/throttling/burstLimit", value = "2" },
                new { op = "replace", path = "/~1open/GET/throttling/rateLimit", value = "0.5" },
            },
        });
        await Task.Delay(TimeSpan.FromSeconds(1));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await edge.GetAsync(api.ApiId, "/prod/open");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_stage_that_opts_in_gets_RateLimit_headers_for_its_quota()
    {
        var api = await ApiWithPlanAsync(throttle: new { rateLimit = 100, burstLimit = 50 }, quota: new { limit = 1000, period = "DAY" },
            stageTags: new Dictionary<string, string> { ["gateway:rateLimitHeaders"] = "true" });

        using var response = await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", api.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(",", response.Headers.GetValues("RateLimit-Policy"));
        Assert.Contains("\"quota\";q=1000;w=86400", policy, StringComparison.Ordinal);
        Assert.Contains("\"throttle\";q=100;w=1", policy, StringComparison.Ordinal);
        Assert.Contains("\"quota\";r=", string.Join(",", response.Headers.GetValues("RateLimit")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_opt_in_no_RateLimit_headers_are_sent()
    {
        var api = await ApiWithPlanAsync(throttle: new { rateLimit = 100, burstLimit = 50 }, quota: new { limit = 1000, period = "DAY" });

        using var response = await edge.GetAsync(api.ApiId, "/prod/hello", h => h.Add("x-api-key", api.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("RateLimit-Policy"));
    }

    private async Task<(string ApiId, string KeyId, string Key, string PlanId)> ApiWithPlanAsync(
        object? throttle, object? quota, Dictionary<string, string>? stageTags = null)
    {
        using var management = edge.Management();
        var apiId = await management.ImportAsync(SampleApis.KeyedMock("keyed", Body));
        var deployment = await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/deployments", new { });
        await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/stages", new
        {
            stageName = "prod",
            deploymentId = deployment.GetProperty("id").GetString(),
            tags = stageTags ?? [],
        });
        var key = "enforcement-test-" + Guid.NewGuid().ToString("N");
        var keyId = (await management.SendJsonAsync(HttpMethod.Post, "/apikeys", new { name = "tenant", enabled = true, value = key }))
            .GetProperty("id").GetString()!;
        var planId = (await management.SendJsonAsync(HttpMethod.Post, "/usageplans", new
        {
            name = "plan-" + apiId,
            apiStages = new[] { new { apiId, stage = "prod" } },
            throttle,
            quota,
        })).GetProperty("id").GetString()!;
        await management.SendJsonAsync(HttpMethod.Post, $"/usageplans/{planId}/keys", new { keyId, keyType = "API_KEY" });
        await WaitUntilAdmittedOrRefusedAsync(apiId);
        return (apiId, keyId, key, planId);
    }

    /// <summary>Waits until the stage is served (without spending quota: an unknown path), then for the plan push.</summary>
    private async Task WaitUntilAdmittedOrRefusedAsync(string apiId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await edge.GetAsync(apiId, "/prod/open");
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                break;
            }
            await Task.Delay(50);
        }
        await Task.Delay(300);
    }
}

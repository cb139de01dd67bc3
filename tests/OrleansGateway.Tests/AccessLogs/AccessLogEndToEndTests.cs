using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.IdentityModel.Tokens;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.Jwt;

namespace OrleansGateway.Tests.AccessLogs;

/// <summary>
/// Stage access logs on a whole dev-mode edge: formats set through UpdateStage as a user would,
/// requests sent as a client would, and the lines read back from the file destination.
/// </summary>
public sealed class AccessLogEndToEndTests(AccessLogEdgeFixture fixture) : IClassFixture<AccessLogEdgeFixture>
{
    private const string Clf = "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] \"$context.httpMethod $context.resourcePath $context.protocol\" $context.status $context.responseLength $context.requestId $context.extendedRequestId";
    private const string Json = "{ \"requestId\":\"$context.requestId\", \"extendedRequestId\":\"$context.extendedRequestId\", \"ip\": \"$context.identity.sourceIp\", \"caller\":\"$context.identity.caller\", \"user\":\"$context.identity.user\", \"requestTime\":\"$context.requestTime\", \"httpMethod\":\"$context.httpMethod\", \"resourcePath\":\"$context.resourcePath\", \"status\":\"$context.status\", \"protocol\":\"$context.protocol\", \"responseLength\":\"$context.responseLength\" }";
    private const string Xml = "<request id=\"$context.requestId\"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>";
    private const string Csv = "$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId";
    private const string Refusals = "$context.requestId|$context.status|$context.resourcePath|$context.error.responseType|$context.error.message";

    private sealed record Logged(string RequestId, string Method, string ResourcePath, string Status, string Length, string Ip, string Time);

    [Theory]
    [InlineData("clf")]
    [InlineData("json")]
    [InlineData("xml")]
    [InlineData("csv")]
    public async Task Each_standard_format_is_written_one_line_per_request_and_parses_back(string group)
    {
        var format = group switch { "clf" => Clf, "json" => Json, "xml" => Xml, _ => Csv };
        var apiId = await fixture.DeployWithAccessLogAsync(SampleApis.KeyedMock(group, "keyed-ok"), group, format, "/prod/open");

        using var response = await fixture.Edge.GetAsync(apiId, "/prod/open");
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        var extendedId = response.Headers.GetValues("x-amz-apigw-id").Single();
        var line = await fixture.LineAsync(group, requestId);

        var logged = group switch
        {
            "clf" => ParseClf(line),
            "json" => ParseJson(line),
            "xml" => ParseXml(line),
            _ => ParseCsv(line),
        };
        Assert.Equal(new Logged(requestId, "GET", "/open", "200", "4", "127.0.0.1", logged.Time), logged);
        Assert.True(DateTime.TryParseExact(logged.Time, "dd/MMM/yyyy:HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var time), logged.Time);
        Assert.InRange(time.ToUniversalTime(), DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow.AddMinutes(1));
        Assert.Contains(extendedId, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public async Task A_JWT_authorized_request_logs_its_principal_and_claims_and_a_refused_one_logs_401_UNAUTHORIZED()
    {
        var apiId = await fixture.DeployWithAccessLogAsync(JwtAuthorizerEndpointTests.Api(fixture.Issuer.Issuer, fixture.Backend.Url), "jwt",
            "$context.requestId $context.status $context.authorizer.principalId $context.authorizer.claims.sub $context.authorizer.claims.email $context.error.responseType",
            "/prod/me");
        var token = fixture.Issuer.Sign(fixture.Key, SecurityAlgorithms.RsaSha256,
            new Dictionary<string, object> { ["sub"] = "user-42", ["aud"] = "orders-api", ["email"] = "a@example.com" });

        using var allowed = await fixture.Edge.GetAsync(apiId, "/prod/me", h => h.TryAddWithoutValidation("Authorization", "Bearer " + token));
        using var refused = await fixture.Edge.GetAsync(apiId, "/prod/me");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var allowedLine = await fixture.LineAsync("jwt", RequestIdOf(allowed));
        var refusedLine = await fixture.LineAsync("jwt", RequestIdOf(refused));
        Assert.Equal($"{RequestIdOf(allowed)} 200 user-42 user-42 a@example.com -", allowedLine);
        Assert.Equal($"{RequestIdOf(refused)} 401 - - - UNAUTHORIZED", refusedLine);
        Assert.DoesNotContain(token, await fixture.AllTextAsync("jwt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Lambda_authorized_request_logs_its_principal_and_context_and_a_denied_one_logs_403_ACCESS_DENIED()
    {
        var apiId = await fixture.DeployWithAccessLogAsync(
            LambdaAuthorizers.AuthorizerApis.Document("lambda-log", fixture.Function.Url, 0, fixture.Backend.Url), "lambda",
            "$context.requestId|$context.status|$context.authorizer.principalId|$context.authorizer.tier|$context.authorizer.n|$context.error.responseType",
            "/prod/pets");

        using var allowed = await fixture.Edge.GetAsync(apiId, "/prod/pets", h => h.TryAddWithoutValidation("Authorization", "Bearer allow-log"));
        using var denied = await fixture.Edge.GetAsync(apiId, "/prod/pets", h => h.TryAddWithoutValidation("Authorization", "Bearer deny-log"));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal($"{RequestIdOf(allowed)}|200|user-allow-log|gold|7|-", await fixture.LineAsync("lambda", RequestIdOf(allowed)));
        Assert.Equal($"{RequestIdOf(denied)}|403|-|-|-|ACCESS_DENIED", await fixture.LineAsync("lambda", RequestIdOf(denied)));
    }

    [Fact]
    public async Task Refused_requests_are_logged_with_their_status_and_error_response_type()
    {
        var apiId = await fixture.DeployWithAccessLogAsync(SampleApis.KeyedMock("refusals", "keyed-ok"), "refusals", Refusals, "/prod/open");
        var (_, key) = await AddKeyInPlanAsync(apiId, new { rateLimit = 0.01, burstLimit = 1 });

        using var unknown = await fixture.Edge.GetAsync(apiId, "/prod/nowhere");
        using var noKey = await fixture.Edge.GetAsync(apiId, "/prod/hello");
        var throttled = await FirstThrottledAsync(apiId, key);

        Assert.Equal($"{RequestIdOf(unknown)}|403|-|MISSING_AUTHENTICATION_TOKEN|Missing Authentication Token",
            await fixture.LineAsync("refusals", RequestIdOf(unknown)));
        Assert.Equal($"{RequestIdOf(noKey)}|403|/hello|INVALID_API_KEY|Forbidden",
            await fixture.LineAsync("refusals", RequestIdOf(noKey)));
        Assert.Equal($"{throttled}|429|/hello|THROTTLED|Too Many Requests",
            await fixture.LineAsync("refusals", throttled));
    }

    [Fact]
    public async Task An_API_key_value_never_appears_in_the_log_its_id_does()
    {
        var apiId = await fixture.DeployWithAccessLogAsync(SampleApis.KeyedMock("keys", "keyed-ok"), "keys",
            "$context.requestId $context.status $context.identity.apiKey $context.identity.apiKeyId", "/prod/open");
        var (keyId, key) = await AddKeyInPlanAsync(apiId, null);

        HttpResponseMessage keyed;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            keyed = await fixture.Edge.GetAsync(apiId, "/prod/hello", h => h.Add("x-api-key", key));
            if (keyed.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                break;
            }
            keyed.Dispose();
            await Task.Delay(100);
        }
        using (keyed)
        {
            Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
            Assert.Equal($"{RequestIdOf(keyed)} 200 {keyId} {keyId}", await fixture.LineAsync("keys", RequestIdOf(keyed)));
        }
        Assert.DoesNotContain(key, await fixture.AllTextAsync("keys"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateStage_refuses_a_format_with_unknown_variables_with_400_naming_them_and_stores_nothing()
    {
        using var management = fixture.Edge.Management();
        var apiId = await management.ImportAsync(SampleApis.KeyedMock("validation", "x"));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}/stages/prod", new
        {
            patchOperations = new[]
            {
                new { op = "replace", path = "/accessLogSettings/destinationArn", value = AccessLogEdgeFixture.ArnOf("validation") },
                new { op = "replace", path = "/accessLogSettings/format", value = "$context.requestId $context.bogus $context.identity.nope $context.authorizer.claims.sub" },
            },
        }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Contains("[$context.bogus, $context.identity.nope]", error.Message, StringComparison.Ordinal);
        var stage = await management.SendAsync(HttpMethod.Get, $"/restapis/{apiId}/stages/prod", null);
        Assert.False(stage.TryGetProperty("accessLogSettings", out var settings) && settings.ValueKind != JsonValueKind.Null, stage.ToString());
    }

    private async Task<(string KeyId, string Key)> AddKeyInPlanAsync(string apiId, object? throttle)
    {
        using var management = fixture.Edge.Management();
        var key = "access-log-secret-" + Guid.NewGuid().ToString("N");
        var keyId = (await management.SendJsonAsync(HttpMethod.Post, "/apikeys", new { name = "tenant", enabled = true, value = key }))
            .GetProperty("id").GetString()!;
        var planId = (await management.SendJsonAsync(HttpMethod.Post, "/usageplans", new
        {
            name = "plan-" + apiId,
            apiStages = new[] { new { apiId, stage = "prod" } },
            throttle,
        })).GetProperty("id").GetString()!;
        await management.SendJsonAsync(HttpMethod.Post, $"/usageplans/{planId}/keys", new { keyId, keyType = "API_KEY" });
        return (keyId, key);
    }

    private async Task<string> FirstThrottledAsync(string apiId, string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await fixture.Edge.GetAsync(apiId, "/prod/hello", h => h.Add("x-api-key", key));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return RequestIdOf(response);
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("never throttled");
    }

    private static string RequestIdOf(HttpResponseMessage response) => response.Headers.GetValues("x-amzn-RequestId").Single();

    private static Logged ParseClf(string line)
    {
        var open = line.IndexOf('[', StringComparison.Ordinal);
        var close = line.IndexOf(']', StringComparison.Ordinal);
        var head = line[..open].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var quoted = line[(line.IndexOf('"', StringComparison.Ordinal) + 1)..line.LastIndexOf('"')].Split(' ');
        var tail = line[(line.LastIndexOf('"') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["-", "-"], head[1..]);
        Assert.Equal("HTTP/1.1", quoted[2]);
        return new Logged(tail[2], quoted[0], quoted[1], tail[0], tail[1], head[0], line[(open + 1)..close]);
    }

    private static Logged ParseJson(string line)
    {
        var json = JsonDocument.Parse(line).RootElement;
        string Get(string name) => json.GetProperty(name).GetString()!;
        return new Logged(Get("requestId"), Get("httpMethod"), Get("resourcePath"), Get("status"), Get("responseLength"), Get("ip"), Get("requestTime"));
    }

    private static Logged ParseXml(string line)
    {
        var root = XDocument.Parse(line).Root!;
        string Get(string name) => root.Element(name)!.Value;
        return new Logged(root.Attribute("id")!.Value, Get("httpMethod"), Get("resourcePath"), Get("status"), Get("responseLength"), Get("ip"), Get("requestTime"));
    }

    private static Logged ParseCsv(string line)
    {
        var fields = line.Split(',');
        Assert.Equal(11, fields.Length);
        return new Logged(fields[9], fields[4], fields[5], fields[7], fields[8], fields[0], fields[3]);
    }
}

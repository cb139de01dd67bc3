using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Jwt;

/// <summary>One edge, issuer, backend and API shared by the tests (each test uses its own tokens).</summary>
public sealed class JwtEdgeFixture : IAsyncLifetime
{
    public InProcessDevEdge Edge { get; } = new();

    public RsaSecurityKey Key { get; } = TestOidcIssuer.NewRsaKey("k1");

    public TestOidcIssuer Issuer { get; private set; } = null!;

    internal EchoBackend Backend { get; private set; } = null!;

    public string ApiId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Issuer = await TestOidcIssuer.StartAsync();
        Issuer.Publish(Key);
        Backend = await EchoBackend.StartAsync();
        // A generous issuer fetch timeout (default 1.5 s): the machine running the tests may be busy.
        Edge.Settings.Add("--Gateway:Authorizers:Jwt:MetadataTimeout=00:00:10");
        Edge.Settings.Add($"--Gateway:Authorizers:Jwt:UserPools:{JwtAuthorizerEndpointTests.PoolId}={Issuer.Issuer}");
        await Edge.InitializeAsync();
        using var management = Edge.Management();
        ApiId = await management.ImportAsync(JwtAuthorizerEndpointTests.Api(Issuer.Issuer, Backend.Url));
        await management.DeployAsync(ApiId, "prod", new Dictionary<string, string>());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = await Edge.GetAsync(ApiId, "/prod/admin");
            if (probe.StatusCode == HttpStatusCode.Unauthorized)
            {
                break;
            }
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Backend.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

/// <summary>
/// JWT and Cognito user pool authorizers on a whole dev-mode edge: an API imported with
/// <c>x-amazon-apigateway-authorizer</c> schemes pointing at a loopback issuer, called as a client would.
/// </summary>
public sealed class JwtAuthorizerEndpointTests(JwtEdgeFixture fixture) : IClassFixture<JwtEdgeFixture>
{
    private readonly InProcessDevEdge _edge = fixture.Edge;
    private readonly RsaSecurityKey _key = fixture.Key;
    private readonly TestOidcIssuer _issuer = fixture.Issuer;
    private readonly EchoBackend _backend = fixture.Backend;
    private readonly string _apiId = fixture.ApiId;

    private string Token(params (string Name, object Value)[] claims)
    {
        var all = new Dictionary<string, object> { ["sub"] = "user-42", ["aud"] = "orders-api", ["email"] = "a@example.com" };
        foreach (var (name, value) in claims)
        {
            all[name] = value;
        }
        return _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, all);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? authorization) =>
        _edge.GetAsync(_apiId, path, h =>
        {
            if (authorization is not null)
            {
                h.TryAddWithoutValidation("Authorization", authorization);
            }
        });

    [Fact]
    public async Task A_valid_bearer_token_reaches_the_backend_with_its_claims_in_the_configured_headers()
    {
        using var response = await GetAsync("/prod/me", "Bearer " + Token());

        var echo = await ResponseAssertions.EchoAsync(response);
        Assert.Equal("user-42", echo.GetProperty("headers").GetProperty("x-user").GetString());
        Assert.Equal("a@example.com", echo.GetProperty("headers").GetProperty("x-email").GetString());
    }

    [Fact]
    public async Task A_bare_token_without_the_Bearer_scheme_is_accepted_too()
    {
        using var response = await GetAsync("/prod/me", Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_missing_token_is_401_Unauthorized_with_WWW_Authenticate_Bearer_and_never_reaches_the_backend()
    {
        var before = _backend.RequestsReceived;
        using var response = await GetAsync("/prod/me", null);

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized", "UnauthorizedException");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(before, _backend.RequestsReceived);
    }

    [Fact]
    public async Task A_giant_authorization_header_is_refused_by_the_server_with_431_and_never_reaches_the_backend()
    {
        var before = _backend.RequestsReceived;

        // Over the server's 32 KiB header budget: refused before any middleware runs, so no authorizer work either.
        using var response = await GetAsync("/prod/me", "Bearer " + new string('x', 64 * 1024));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal(before, _backend.RequestsReceived);
    }

    [Fact]
    public async Task Expired_wrong_audience_garbage_and_oversize_tokens_are_401_with_invalid_token()
    {
        var expired = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, new Dictionary<string, object> { ["sub"] = "u", ["aud"] = "orders-api" },
            expires: DateTime.UtcNow.AddMinutes(-10), notBefore: DateTime.UtcNow.AddMinutes(-20));
        var cases = new (string Token, string Description)[]
        {
            (expired, "the token has expired"),
            (Token(("aud", "other-api")), "the token does not have a valid audience"),
            ("Bearer %%%.not.base64", "the token is malformed"),
            (new string('x', 20_000), "the token is too large"),
        };
        foreach (var (token, description) in cases)
        {
            using var response = await GetAsync("/prod/me", token.StartsWith("Bearer", StringComparison.Ordinal) ? token : "Bearer " + token);

            await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Unauthorized, "Unauthorized", "UnauthorizedException");
            Assert.Equal($"Bearer scope=\"\" error=\"invalid_token\" error_description=\"{description}\"", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task A_client_id_claim_matching_an_audience_is_accepted_in_place_of_aud()
    {
        var token = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, new Dictionary<string, object> { ["sub"] = "svc", ["client_id"] = "orders-api" });

        using var response = await GetAsync("/prod/me", "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_route_with_scopes_needs_one_of_them_and_answers_403_Forbidden_with_insufficient_scope_otherwise()
    {
        using var scoped = await GetAsync("/prod/admin", "Bearer " + Token(("scope", "orders:read orders:admin")));
        using var scp = await GetAsync("/prod/admin", "Bearer " + Token(("scp", new[] { "orders:admin" })));
        using var without = await GetAsync("/prod/admin", "Bearer " + Token(("scope", "orders:read")));

        Assert.Equal(HttpStatusCode.OK, scoped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scp.StatusCode);
        await ResponseAssertions.AssertGatewayErrorAsync(without, HttpStatusCode.Forbidden, "Forbidden", "AccessDeniedException");
        Assert.Contains("error=\"insufficient_scope\"", without.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cognito_without_method_scopes_takes_an_ID_token_and_refuses_an_access_token()
    {
        using var idToken = await GetAsync("/prod/pool", Token(("token_use", "id")));
        var access = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, new Dictionary<string, object> { ["sub"] = "u", ["token_use"] = "access", ["scope"] = "orders/read" });
        using var accessToken = await GetAsync("/prod/pool", access);

        Assert.Equal(HttpStatusCode.OK, idToken.StatusCode);
        await ResponseAssertions.AssertGatewayErrorAsync(accessToken, HttpStatusCode.Unauthorized, "Unauthorized", "UnauthorizedException");
        Assert.False(accessToken.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task Cognito_with_method_scopes_takes_an_access_token_holding_one_and_refuses_an_ID_token_or_a_missing_scope()
    {
        var access = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, new Dictionary<string, object> { ["sub"] = "u", ["token_use"] = "access", ["scope"] = "orders/read" });
        var otherScope = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, new Dictionary<string, object> { ["sub"] = "u", ["token_use"] = "access", ["scope"] = "orders/write" });
        using var ok = await GetAsync("/prod/pool-scoped", access);
        using var id = await GetAsync("/prod/pool-scoped", Token(("token_use", "id"), ("scope", "orders/read")));
        using var wrong = await GetAsync("/prod/pool-scoped", otherScope);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, id.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task A_validated_token_is_served_from_the_edge_cache_while_the_issuer_is_down()
    {
        var token = "Bearer " + Token(("jti", Guid.NewGuid().ToString()));
        using (var first = await GetAsync("/prod/me", token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        var fetches = _issuer.JwksFetches + _issuer.DiscoveryFetches;

        for (var i = 0; i < 50; i++)
        {
            using var again = await GetAsync("/prod/me", token);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        Assert.Equal(fetches, _issuer.JwksFetches + _issuer.DiscoveryFetches);
    }

    /// <summary>A Cognito pool id that configuration maps to the loopback issuer.</summary>
    internal const string PoolId = "us-east-1_Test";

    [Fact]
    public async Task A_Cognito_pool_ARN_mapped_to_an_issuer_by_configuration_checks_aud_against_identityValidationExpression()
    {
        using var matching = await GetAsync("/prod/mapped", Token(("aud", "orders-web"), ("token_use", "id")));
        using var partial = await GetAsync("/prod/mapped", Token(("aud", "orders-web-2"), ("token_use", "id")));
        using var other = await GetAsync("/prod/mapped", Token(("aud", "billing"), ("token_use", "id")));

        Assert.Equal(HttpStatusCode.OK, matching.StatusCode);
        await ResponseAssertions.AssertGatewayErrorAsync(partial, HttpStatusCode.Unauthorized, "Unauthorized", "UnauthorizedException");
        await ResponseAssertions.AssertGatewayErrorAsync(other, HttpStatusCode.Unauthorized, "Unauthorized", "UnauthorizedException");
    }

    internal static string Api(string issuer, string backend) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["openapi"] = "3.0.1",
        ["info"] = new { title = "jwt-orders", version = "1" },
        ["components"] = new
        {
            securitySchemes = new Dictionary<string, object>
            {
                ["oidc"] = new Dictionary<string, object>
                {
                    ["type"] = "apiKey", ["name"] = "Authorization", ["in"] = "header",
                    ["x-amazon-apigateway-authorizer"] = new
                    {
                        type = "jwt",
                        identitySource = "$request.header.Authorization",
                        jwtConfiguration = new { issuer, audience = new[] { "orders-api" } },
                    },
                },
                ["mapped"] = new Dictionary<string, object>
                {
                    ["type"] = "apiKey", ["name"] = "Authorization", ["in"] = "header",
                    ["x-amazon-apigateway-authorizer"] = new
                    {
                        type = "cognito_user_pools",
                        providerARNs = new[] { $"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{PoolId}" },
                        identityValidationExpression = "orders-[a-z]+",
                    },
                },
                ["pool"] = new Dictionary<string, object>
                {
                    ["type"] = "apiKey", ["name"] = "Authorization", ["in"] = "header",
                    ["x-amazon-apigateway-authorizer"] = new { type = "cognito_user_pools", providerARNs = new[] { issuer } },
                },
            },
        },
        ["paths"] = new Dictionary<string, object>
        {
            ["/me"] = Get("oidc", [], new
            {
                type = "http_proxy", httpMethod = "GET", uri = backend + "/me",
                requestParameters = new Dictionary<string, string>
                {
                    ["integration.request.header.x-user"] = "context.authorizer.claims.sub",
                    ["integration.request.header.x-email"] = "context.authorizer.claims.email",
                },
            }),
            ["/admin"] = Get("oidc", ["orders:admin"], Mock()),
            ["/pool"] = Get("pool", [], Mock()),
            ["/mapped"] = Get("mapped", [], Mock()),
            ["/pool-scoped"] = Get("pool", ["orders/read"], Mock()),
        },
    });

    private static object Get(string scheme, string[] scopes, object integration) => new
    {
        get = new Dictionary<string, object>
        {
            ["security"] = new[] { new Dictionary<string, string[]> { [scheme] = scopes } },
            ["responses"] = new Dictionary<string, object> { ["200"] = new { description = "ok" } },
            ["x-amazon-apigateway-integration"] = integration,
        },
    };

    private static object Mock() => new
    {
        type = "mock",
        requestTemplates = new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 200}" },
        responses = new { @default = new { statusCode = "200", responseTemplates = new Dictionary<string, string> { ["application/json"] = "ok" } } },
    };
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OrleansGateway.Edge.DataPlane.Authorization.Jwt;

namespace OrleansGateway.Tests.Jwt;

/// <summary>
/// The token checks against a real loopback issuer (discovery + JWKS over HTTP): signature,
/// algorithm allow-list, issuer, lifetime with leeway, key rotation and refresh limits, bounds.
/// </summary>
public sealed class JwtTokenValidatorTests : IAsyncLifetime
{
    private TestOidcIssuer _issuer = null!;
    private readonly RsaSecurityKey _key = TestOidcIssuer.NewRsaKey("k1");

    public async Task InitializeAsync()
    {
        _issuer = await TestOidcIssuer.StartAsync();
        _issuer.Publish(_key);
    }

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    private static JwtTokenValidator Validator(JwtAuthorizerOptions? options = null)
    {
        // A generous fetch timeout: the machine running the tests may be busy; timeouts are not what these tests check.
        options ??= new JwtAuthorizerOptions();
        options.MetadataTimeout = TimeSpan.FromSeconds(10);
        var wrapped = Options.Create(options);
        return new JwtTokenValidator(new IssuerMetadata(wrapped), wrapped, TimeProvider.System, NullLogger<JwtTokenValidator>.Instance);
    }

    private static Dictionary<string, object> Claims(params (string Name, object Value)[] claims)
    {
        var all = new Dictionary<string, object> { ["sub"] = "user-1", ["aud"] = "api" };
        foreach (var (name, value) in claims)
        {
            all[name] = value;
        }
        return all;
    }

    private async Task<JwtValidationOutcome> ValidateAsync(string token, JwtTokenValidator? validator = null) =>
        await (validator ?? Validator()).ValidateAsync(token, [_issuer.Issuer], CancellationToken.None);

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha256)]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    [InlineData(SecurityAlgorithms.RsaSsaPssSha256)]
    [InlineData(SecurityAlgorithms.RsaSsaPssSha512)]
    public async Task A_token_signed_with_an_RSA_key_from_the_JWKS_is_valid_and_its_claims_are_stringified(string algorithm)
    {
        var token = _issuer.Sign(_key, algorithm, Claims(("scope", "read write"), ("groups", new[] { "a", "b" }), ("n", 5)));

        var outcome = await ValidateAsync(token);

        Assert.NotNull(outcome.Token);
        Assert.Equal("user-1", outcome.Token.Subject);
        Assert.Equal(["api"], outcome.Token.Audiences);
        Assert.Equal(["read", "write"], outcome.Token.Scopes);
        Assert.Equal("""["a","b"]""", outcome.Token.Claims["groups"]);
        Assert.Equal("5", outcome.Token.Claims["n"]);
        Assert.Equal(_issuer.Issuer, outcome.Token.Claims["iss"]);
    }

    [Fact]
    public async Task A_token_signed_with_an_EC_P256_key_from_the_JWKS_is_valid()
    {
        var ec = TestOidcIssuer.NewEcKey("ec1");
        _issuer.Publish(_key, ec);

        var outcome = await ValidateAsync(_issuer.Sign(ec, SecurityAlgorithms.EcdsaSha256, Claims(("scp", new[] { "x", "y" }))));

        Assert.NotNull(outcome.Token);
        Assert.Equal(["x", "y"], outcome.Token.Scopes);
    }

    [Fact]
    public async Task An_expired_token_is_refused_but_one_expired_within_the_clock_skew_is_accepted()
    {
        var now = DateTime.UtcNow;
        var expired = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims(), expires: now.AddSeconds(-90), notBefore: now.AddMinutes(-10));
        var justExpired = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims(), expires: now.AddSeconds(-20), notBefore: now.AddMinutes(-10));

        Assert.Equal("the token has expired", (await ValidateAsync(expired)).Failure);
        Assert.NotNull((await ValidateAsync(justExpired)).Token);
        Assert.Equal("the token has expired", (await ValidateAsync(justExpired, Validator(new JwtAuthorizerOptions { ClockSkew = TimeSpan.FromSeconds(5) }))).Failure);
    }

    [Fact]
    public async Task A_token_not_valid_yet_or_issued_in_the_future_is_refused()
    {
        var now = DateTime.UtcNow;
        var notYet = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims(), expires: now.AddMinutes(30), notBefore: now.AddMinutes(5));
        var futureIat = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims(), issuedAt: now.AddMinutes(5));

        Assert.Equal("the token is not valid yet", (await ValidateAsync(notYet)).Failure);
        Assert.Equal("the token was issued in the future", (await ValidateAsync(futureIat)).Failure);
    }

    [Fact]
    public async Task A_token_without_exp_is_refused()
    {
        var payload = new Dictionary<string, object> { ["iss"] = _issuer.Issuer, ["sub"] = "u" };
        var descriptor = new SecurityTokenDescriptor { Claims = payload, SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256) };
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);

        Assert.Null((await ValidateAsync(token)).Token);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused_even_when_signed_with_a_published_key()
    {
        var token = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims(), issuer: "https://evil.example");

        Assert.Equal("the token has an invalid issuer", (await ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task Alg_none_HS256_with_the_public_key_as_secret_another_key_and_a_tampered_payload_are_all_refused()
    {
        var payload = new Dictionary<string, object>
        {
            ["iss"] = _issuer.Issuer, ["sub"] = "admin", ["aud"] = "api",
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(),
        };
        var unsigned = TestOidcIssuer.Unsigned(payload);
        var hsWithJwks = TestOidcIssuer.Hs256(_issuer.JwksJson(), new { alg = "HS256", typ = "JWT", kid = "k1" }, payload);
        var otherKey = _issuer.Sign(TestOidcIssuer.NewRsaKey("k1"), SecurityAlgorithms.RsaSha256, Claims());
        var genuine = _issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims()).Split('.');
        var tampered = genuine[0] + "." + Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(genuine[1]).Replace("user-1", "admin")) + "." + genuine[2];

        var validator = Validator();
        foreach (var token in new[] { unsigned, hsWithJwks, otherKey, tampered })
        {
            var outcome = await ValidateAsync(token, validator);
            Assert.Null(outcome.Token);
            Assert.False(outcome.IssuerUnavailable);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.%%%%.sig")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0")]
    [InlineData("e30.e30.e30.e30.e30")]
    public async Task Malformed_tokens_are_refused_without_an_exception(string token)
    {
        var outcome = await ValidateAsync(token);

        Assert.Null(outcome.Token);
        Assert.NotNull(outcome.Failure);
    }

    [Fact]
    public async Task A_token_over_the_size_bound_is_refused_before_any_fetch()
    {
        var outcome = await ValidateAsync(new string('a', 16 * 1024 + 1));

        Assert.Equal("the token is too large", outcome.Failure);
        Assert.Equal(0, _issuer.DiscoveryFetches);
    }

    [Fact]
    public async Task A_rotated_key_is_accepted_at_once_after_one_refresh_the_withdrawn_key_is_refused_and_forged_kids_neither_refetch_nor_wait()
    {
        var validator = Validator(new JwtAuthorizerOptions { RefreshInterval = TimeSpan.FromSeconds(30) });
        Assert.NotNull((await ValidateAsync(_issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims()), validator)).Token);
        Assert.Equal(1, _issuer.JwksFetches);

        var rotated = TestOidcIssuer.NewRsaKey("k2");
        _issuer.Publish(rotated);
        var outcome = await ValidateAsync(_issuer.Sign(rotated, SecurityAlgorithms.RsaSha256, Claims()), validator);

        Assert.NotNull(outcome.Token);
        var retired = await ValidateAsync(_issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims(("jti", "after-rotation"))), validator);
        Assert.Null(retired.Token);
        var afterRotation = _issuer.JwksFetches;
        Assert.Equal(2, afterRotation);
        var forger = TestOidcIssuer.NewRsaKey("unused");
        var forged = Enumerable.Range(0, 20).Select(i =>
            _issuer.Sign(new RsaSecurityKey(forger.Rsa) { KeyId = $"forged-{i}" }, SecurityAlgorithms.RsaSha256, Claims())).ToList();
        var forgedStarted = System.Diagnostics.Stopwatch.StartNew();
        foreach (var token in forged)
        {
            Assert.Null((await ValidateAsync(token, validator)).Token);
        }
        Assert.Equal(afterRotation, _issuer.JwksFetches);
        Assert.True(forgedStarted.Elapsed < TimeSpan.FromSeconds(2), $"20 forged kids took {forgedStarted.Elapsed}");
    }

    [Fact]
    public async Task An_unreachable_issuer_and_an_oversize_JWKS_are_reported_as_unavailable()
    {
        _issuer.Down = true;
        var down = await ValidateAsync(_issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims()));
        Assert.True(down.IssuerUnavailable);

        _issuer.Down = false;
        _issuer.JwksBodyOverride = """{"keys":[""" + string.Join(',', Enumerable.Repeat("""{"kty":"oct","k":"AAAA"}""", 8000)) + "]}";
        var oversize = await ValidateAsync(_issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims()));
        Assert.True(oversize.IssuerUnavailable);
    }

    [Theory]
    [InlineData("use", "enc")]
    [InlineData("alg", "PS256")]
    public async Task A_JWKS_key_labelled_for_another_use_or_algorithm_does_not_verify_an_RS256_token(string field, string value)
    {
        var labelled = System.Text.Json.Nodes.JsonNode.Parse(_issuer.JwksJson())!;
        labelled["keys"]![0]![field] = value;
        _issuer.JwksBodyOverride = labelled.ToJsonString();

        var outcome = await ValidateAsync(_issuer.Sign(_key, SecurityAlgorithms.RsaSha256, Claims()));

        Assert.Null(outcome.Token);
        Assert.False(outcome.IssuerUnavailable);
    }

    [Fact]
    public async Task A_plain_http_issuer_that_is_not_loopback_is_never_fetched()
    {
        var outcome = await Validator().ValidateAsync("a.b.c", ["http://issuer.example"], CancellationToken.None);

        Assert.True(outcome.IssuerUnavailable);
    }
}

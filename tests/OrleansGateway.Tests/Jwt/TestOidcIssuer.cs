using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Jwt;

/// <summary>
/// A minimal OpenID provider on a real loopback Kestrel: discovery and a JWKS the test controls
/// (rotation, oversize documents, outage), and counts of how often each was fetched.
/// </summary>
public sealed class TestOidcIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private List<SecurityKey> _published = [];
    private int _discoveryFetches;
    private int _jwksFetches;

    private TestOidcIssuer(WebApplication app, int port)
    {
        _app = app;
        Issuer = $"http://127.0.0.1:{port}";
    }

    /// <summary><c>http://127.0.0.1:{port}</c>, as the tokens' <c>iss</c>.</summary>
    public string Issuer { get; }

    /// <summary>When set, the JWKS endpoint answers this body instead of the published keys.</summary>
    public string? JwksBodyOverride { get; set; }

    /// <summary>When true, discovery and JWKS answer 503.</summary>
    public bool Down { get; set; }

    public int DiscoveryFetches => Volatile.Read(ref _discoveryFetches);

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    public static async Task<TestOidcIssuer> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestOidcIssuer(app, port);
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            Interlocked.Increment(ref issuer._discoveryFetches);
            return issuer.Down
                ? Results.StatusCode(503)
                : Results.Text(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["issuer"] = issuer.Issuer,
                    ["jwks_uri"] = issuer.Issuer + "/jwks",
                    ["authorization_endpoint"] = issuer.Issuer + "/authorize",
                }), "application/json");
        });
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref issuer._jwksFetches);
            return issuer.Down ? Results.StatusCode(503) : Results.Text(issuer.JwksBodyOverride ?? issuer.JwksJson(), "application/json");
        });
        await app.StartAsync();
        return issuer;
    }

    /// <summary>A new RSA signing key (2048 bits) with <paramref name="kid"/>.</summary>
    public static RsaSecurityKey NewRsaKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>A new P-256 signing key with <paramref name="kid"/>.</summary>
    public static ECDsaSecurityKey NewEcKey(string kid) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid };

    /// <summary>Replaces the JWKS with the public halves of <paramref name="keys"/>.</summary>
    public void Publish(params SecurityKey[] keys)
    {
        lock (_gate)
        {
            _published = [.. keys];
        }
    }

    /// <summary>A signed JWT from this issuer; <paramref name="claims"/> go into the payload as given.</summary>
    public string Sign(SecurityKey key, string algorithm, IDictionary<string, object> claims, DateTime? expires = null, DateTime? notBefore = null, string? issuer = null, DateTime? issuedAt = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Claims = claims,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            IssuedAt = issuedAt ?? notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The JWKS as served: public parameters only.</summary>
    public string JwksJson()
    {
        List<SecurityKey> keys;
        lock (_gate)
        {
            keys = _published;
        }
        var entries = keys.Select(key => key switch
        {
            RsaSecurityKey rsa => Rsa(rsa),
            ECDsaSecurityKey ec => Ec(ec),
            _ => throw new NotSupportedException(key.GetType().Name),
        });
        return JsonSerializer.Serialize(new { keys = entries });
    }

    private static Dictionary<string, string> Rsa(RsaSecurityKey key)
    {
        var p = key.Rsa.ExportParameters(false);
        return new() { ["kty"] = "RSA", ["kid"] = key.KeyId, ["use"] = "sig", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
    }

    private static Dictionary<string, string> Ec(ECDsaSecurityKey key)
    {
        var p = key.ECDsa.ExportParameters(false);
        return new() { ["kty"] = "EC", ["kid"] = key.KeyId, ["use"] = "sig", ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y) };
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with the given payload.</summary>
    public static string Unsigned(object payload) =>
        Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload)) + ".";

    /// <summary>An HS256 token whose HMAC secret is <paramref name="secret"/> (e.g. the issuer's public JWKS text).</summary>
    public static string Hs256(string secret, object header, object payload)
    {
        var signingInput = Base64UrlEncoder.Encode(JsonSerializer.Serialize(header)) + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(mac);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

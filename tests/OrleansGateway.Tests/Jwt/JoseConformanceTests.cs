using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OrleansGateway.Edge.DataPlane.Authorization.Jwt;

namespace OrleansGateway.Tests.Jwt;

/// <summary>
/// The JWS signature vectors of <c>/work/shared/conformance/jwt</c> (Wycheproof and RFC 7520),
/// checked with the signature primitives the gateway's validator uses (Microsoft.IdentityModel's
/// <see cref="JsonWebKey"/> and <see cref="CryptoProviderFactory"/>) and its algorithm allow-list.
/// The vectors' payloads are not JWT claim sets, so they cannot go through the whole validator;
/// claim-level cases live in <see cref="JwtTokenValidatorTests"/>.
/// </summary>
public sealed class JoseConformanceTests
{
    // A copy of /work/shared/conformance/jwt's JWS files (PROVENANCE.md next to them), kept with the tests.
    private static readonly string Root = Path.Combine(SourceDirectory(), "Conformance");

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>
    /// Every Wycheproof JWS test: the gateway accepts exactly the <c>valid</c> compact ones whose
    /// algorithm it allows. Valid HS256 vectors are refused by policy (no HMAC), and JSON
    /// serialization is never accepted (bearer tokens are compact).
    /// </summary>
    /// <summary>
    /// RFC 7520 examples Wycheproof marks valid although the key's own <c>alg</c> says otherwise
    /// (a key labelled PS256 verifying PS384; one labelled "ES521" verifying ES512). The gateway
    /// honours the key's label and refuses them: stricter, never looser.
    /// </summary>
    private static readonly int[] RefusedByKeyLabel = [346, 347, 350, 351];

    [Fact]
    public void Every_Wycheproof_signature_vector_gets_the_expected_verdict()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "wycheproof-jose", "json_web_signature_test.json")));
        var mismatches = new List<string>();
        int total = 0, accepted = 0, refusedByPolicy = 0;
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var keyJson = (group.TryGetProperty("public", out var pub) ? pub : group.GetProperty("private")).GetRawText();
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                total++;
                var valid = test.GetProperty("result").GetString() == "valid";
                var jws = test.GetProperty("jws");
                var verdict = jws.ValueKind == JsonValueKind.String && Verify(jws.GetString()!, new JsonWebKey(keyJson));
                var allowed = jws.ValueKind == JsonValueKind.String && JwtTokenValidator.AllowedAlgorithms.Contains(HeaderAlg(jws.GetString()!));
                var expected = valid && allowed && !RefusedByKeyLabel.Contains(test.GetProperty("tcId").GetInt32());
                if (valid && !expected)
                {
                    refusedByPolicy++;
                }
                accepted += verdict ? 1 : 0;
                if (verdict != expected)
                {
                    mismatches.Add($"tcId {test.GetProperty("tcId").GetInt32()} ({test.GetProperty("comment").GetString()}): expected {(expected ? "accept" : "refuse")}");
                }
            }
        }

        Assert.Equal(401, total);
        Assert.Empty(mismatches);
        Assert.Equal(46 - refusedByPolicy, accepted);
    }

    [Theory]
    [InlineData("4_1.rsa_v15_signature.json")]
    [InlineData("4_2.rsa-pss_signature.json")]
    [InlineData("4_3.ecdsa_signature.json")]
    public void RFC_7520_asymmetric_signatures_verify_and_fail_after_tampering_with_any_segment(string file)
    {
        var (compact, key) = Cookbook(file);

        Assert.True(Verify(compact, key));
        var parts = compact.Split('.');
        for (var i = 0; i < 3; i++)
        {
            var tampered = (string[])parts.Clone();
            var bytes = Base64UrlEncoder.DecodeBytes(tampered[i]);
            bytes[bytes.Length / 2] ^= 0x01;
            tampered[i] = Base64UrlEncoder.Encode(bytes);
            Assert.False(Verify(string.Join('.', tampered), key));
        }
    }

    [Fact]
    public void The_RFC_7520_HS256_example_is_refused_although_its_MAC_is_correct()
    {
        var (compact, key) = Cookbook("4_4.hmac-sha2_integrity_protection.json");

        Assert.False(Verify(compact, key));
    }

    private static (string Compact, JsonWebKey Key) Cookbook(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "rfc7520-jose-cookbook", "jws", file)));
        var root = document.RootElement;
        return (root.GetProperty("output").GetProperty("compact").GetString()!, new JsonWebKey(root.GetProperty("input").GetProperty("key").GetRawText()));
    }

    private static string? HeaderAlg(string compact)
    {
        try
        {
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(compact.Split('.')[0]));
            return header.RootElement.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A compact JWS verdict as the gateway reaches it: allowed alg, <see cref="JwkSigningRules"/>, signature.</summary>
    private static bool Verify(string compact, JsonWebKey key)
    {
        var parts = compact.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }
        var alg = HeaderAlg(compact);
        if (alg is null || !JwtTokenValidator.AllowedAlgorithms.Contains(alg) || !JwkSigningRules.Permits(key, alg))
        {
            return false;
        }
        try
        {
            var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
            var factory = CryptoProviderFactory.Default;
            if (!factory.IsSupportedAlgorithm(alg, key))
            {
                return false;
            }
            var provider = factory.CreateForVerifying(key, alg);
            try
            {
                return provider.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
            }
            finally
            {
                factory.ReleaseSignatureProvider(provider);
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or System.Security.Cryptography.CryptographicException or SecurityTokenException)
        {
            return false;
        }
    }
}

using System.Text.RegularExpressions;
using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Tests.Security.SigV4;

/// <summary>
/// The classic suite as botocore ships it (<c>.req</c>, <c>.creq</c>, <c>.sts</c>, <c>.authz</c>): all 34
/// cases run, including the four botocore's own client skips (raw space, repeated query keys).
/// The <c>.sreq</c> files are not used: <c>get-vanilla-with-session-token.sreq</c> carries another
/// case's signature, so the request is rebuilt from <c>.req</c> + <c>.authz</c> as botocore does.
/// </summary>
public sealed class BotocoreSuiteTests
{
    private static readonly SigV4Verifier Verifier = new(new SigV4VerificationPolicy("service", TimeSpan.FromMinutes(15)));

    public static TheoryData<string> Cases() =>
    [
        .. Directory.GetFiles(SigV4ConformanceSuite.Botocore, "*.req", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(SigV4ConformanceSuite.Botocore, Path.GetDirectoryName(path)!))
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Inventory_AllThirtyFourCasesRun()
    {
        Assert.Equal(34, Cases().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SignedRequest_ReproducesCanonicalRequestStringToSignAndAuthorization_AndVerifies(string caseName)
    {
        var vector = Vector.Load(caseName);
        var request = vector.SignedRequest.ToSigV4Request();

        Assert.True(Verifier.TryReadSignature(request, SigV4ConformanceSuite.SigningTime, out var signed, out var failure), failure?.Message);
        Assert.True(SigV4Verifier.TryResolvePayloadHash(signed, vector.SignedRequest.PayloadHash, out var signedPayloadHash, out failure), failure?.Message);
        var stringToSign = SigV4Verifier.BuildStringToSign(signed, signedPayloadHash);
        Assert.Equal(vector.ExpectedCanonicalRequest, SigV4Verifier.BuildCanonicalRequest(signed, signedPayloadHash));
        Assert.Equal(vector.ExpectedStringToSign, stringToSign);
        var signature = Convert.ToHexStringLower(SigV4Signature.Compute(SigV4ConformanceSuite.SecretAccessKey, signed.Scope, stringToSign));
        Assert.Equal(
            vector.ExpectedAuthorization,
            $"AWS4-HMAC-SHA256 Credential={signed.AccessKeyId}/{signed.Scope}, SignedHeaders={string.Join(';', signed.SignedHeaders)}, Signature={signature}");

        var result = Verifier.Verify(request, vector.SignedRequest.PayloadHash, SigV4ConformanceSuite.SigningTime, FindSecret);
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(SigV4ConformanceSuite.AccessKeyId, result.Identity.AccessKeyId);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SignedRequest_WithAnySignedPartChangedByOneByte_FailsVerification(string caseName)
    {
        var vector = Vector.Load(caseName);
        var mutations = OneByteMutation.All(vector.SignedRequest, vector.SignedHeaders);

        var wrong = mutations
            .Select(m => (m.Part, Result: Verifier.Verify(m.Request.ToSigV4Request(), m.Request.PayloadHash, SigV4ConformanceSuite.SigningTime, FindSecret)))
            .Where(m => m.Result.Failure?.Kind != SigV4FailureKind.SignatureMismatch)
            .Select(m => $"{m.Part}: {(m.Result.Succeeded ? "still verifies" : m.Result.Failure.Kind.ToString())}")
            .ToList();

        Assert.Empty(wrong);
        Assert.Contains(mutations, m => m.Part == "signed header x-amz-date");
        Assert.Contains(mutations, m => m.Part == "signature (Authorization)");
    }

    private static string? FindSecret(string accessKeyId) =>
        accessKeyId == SigV4ConformanceSuite.AccessKeyId ? SigV4ConformanceSuite.SecretAccessKey : null;

    private sealed record Vector(
        RawHttpRequest SignedRequest,
        IReadOnlyList<string> SignedHeaders,
        string ExpectedCanonicalRequest,
        string ExpectedStringToSign,
        string ExpectedAuthorization)
    {
        public static Vector Load(string caseName)
        {
            var folder = Path.Combine(SigV4ConformanceSuite.Botocore, caseName);
            string Read(string extension) => SigV4ConformanceSuite.ReadText(Path.Combine(folder, $"{Path.GetFileName(caseName)}.{extension}"));
            var canonicalRequest = Read("creq");
            var authorization = Read("authz");
            var request = RawHttpRequest.Parse(Read("req"));

            // Like botocore's test, add the session token that the .creq shows as signed when .req lacks it.
            var token = Regex.Match(canonicalRequest, "^x-amz-security-token:(.*)$", RegexOptions.Multiline);
            if (token.Success && request.Header("X-Amz-Security-Token") is null)
            {
                request = request.WithHeader("X-Amz-Security-Token", token.Groups[1].Value);
            }

            request = request.WithHeader("Authorization", authorization);
            var signedHeaders = Regex.Match(authorization, "SignedHeaders=([^,]+)").Groups[1].Value.Split(';');
            return new Vector(request, signedHeaders, canonicalRequest, Read("sts"), authorization);
        }
    }
}

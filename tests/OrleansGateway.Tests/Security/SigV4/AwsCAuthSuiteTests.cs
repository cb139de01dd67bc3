using System.Text.RegularExpressions;
using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Tests.Security.SigV4;

/// <summary>
/// The aws-c-auth <c>v4</c> suite: every case, in both the Authorization-header and the presigned
/// form, must reproduce the expected canonical request, string to sign and signature, verify, and
/// stop verifying when any signed part changes by one character.
/// </summary>
public sealed class AwsCAuthSuiteTests
{
    private const string UnnormalisedPathReason =
        "normalize=false is S3's signing rule (the path is signed as sent, '//' and '/./' included). The gateway verifies " +
        "apigateway/execute-api, non-S3 services whose signers always normalise, so it always normalises too and these " +
        "vectors' canonical paths are by design not what it computes.";

    private const string SigV4aReason =
        "SigV4a (AWS4-ECDSA-P256-SHA256, ECDSA P-256 over a region set) is not supported: the gateway accepts AWS4-HMAC-SHA256 only.";

    /// <summary>v4 cases deliberately not run as positive vectors, with the reason; each is shown below to be rejected.</summary>
    private static readonly IReadOnlyDictionary<string, string> ExcludedV4Cases = new Dictionary<string, string>
    {
        ["get-relative-relative-unnormalized"] = UnnormalisedPathReason,
        ["get-relative-unnormalized"] = UnnormalisedPathReason,
        ["get-slash-dot-slash-unnormalized"] = UnnormalisedPathReason,
        ["get-slash-pointless-dot-unnormalized"] = UnnormalisedPathReason,
        ["get-slash-unnormalized"] = UnnormalisedPathReason,
        ["get-slashes-unnormalized"] = UnnormalisedPathReason,
    };

    public static TheoryData<string, string> SupportedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in SigV4ConformanceSuite.CaseNames(SigV4ConformanceSuite.AwsCAuthV4).Where(n => !ExcludedV4Cases.ContainsKey(n)))
        {
            data.Add(name, "header");
            data.Add(name, "query");
        }

        return data;
    }

    public static TheoryData<string> ExcludedUnnormalisedCases() => [.. ExcludedV4Cases.Keys];

    /// <summary>The v4a cases with signed artefacts (two, the query-order key/value cases, carry only a request).</summary>
    public static TheoryData<string> SigV4aCases() =>
    [
        .. SigV4ConformanceSuite.CaseNames(SigV4ConformanceSuite.AwsCAuthV4a)
            .Where(name => File.Exists(Path.Combine(SigV4ConformanceSuite.AwsCAuthV4a, name, "header-signed-request.txt"))),
    ];

    [Fact]
    public void Inventory_EveryCaseIsRunOrExcludedWithAStatedReason()
    {
        var v4 = SigV4ConformanceSuite.CaseNames(SigV4ConformanceSuite.AwsCAuthV4);
        var v4a = SigV4ConformanceSuite.CaseNames(SigV4ConformanceSuite.AwsCAuthV4a);

        Assert.Equal(38, v4.Count);
        Assert.Subset(v4.ToHashSet(), ExcludedV4Cases.Keys.ToHashSet());
        Assert.Equal(6, ExcludedV4Cases.Count);
        Assert.Equal(32 * 2, SupportedCases().Count);
        Assert.Equal(40, v4a.Count);
        Assert.Equal(38, SigV4aCases().Count);
        Assert.All(ExcludedV4Cases.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        Assert.False(string.IsNullOrWhiteSpace(SigV4aReason));

        // Only cases that sign a path normalisation would change are excluded; get-space-unnormalized runs.
        foreach (var name in v4)
        {
            var context = AwsCAuthContext.Load(Path.Combine(SigV4ConformanceSuite.AwsCAuthV4, name));
            var excluded = ExcludedV4Cases.ContainsKey(name);
            Assert.True(!excluded || !context.Normalize, $"{name} is excluded but normalises its path.");
        }
    }

    [Theory]
    [MemberData(nameof(SupportedCases))]
    public void SignedRequest_ReproducesCanonicalRequestStringToSignAndSignature_AndVerifies(string caseName, string form)
    {
        var vector = Vector.Load(caseName, form);
        var verifier = new SigV4Verifier(new SigV4VerificationPolicy(vector.Context.Service, TimeSpan.FromMinutes(15)));
        var request = vector.SignedRequest.ToSigV4Request();

        Assert.True(verifier.TryReadSignature(request, vector.Context.Timestamp, out var signed, out var failure), failure?.Message);
        Assert.True(SigV4Verifier.TryResolvePayloadHash(signed, vector.SignedRequest.PayloadHash, out var signedPayloadHash, out failure), failure?.Message);
        var stringToSign = SigV4Verifier.BuildStringToSign(signed, signedPayloadHash, vector.QueryTokenSigned);
        Assert.Equal(vector.ExpectedCanonicalRequest, SigV4Verifier.BuildCanonicalRequest(signed, signedPayloadHash, vector.QueryTokenSigned));
        Assert.Equal(vector.ExpectedStringToSign, stringToSign);
        Assert.Equal(
            vector.ExpectedSignature,
            Convert.ToHexStringLower(SigV4Signature.Compute(vector.Context.SecretAccessKey, signed.Scope, stringToSign)));

        var result = verifier.Verify(request, vector.SignedRequest.PayloadHash, vector.Context.Timestamp, vector.FindSecret);
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(
            new SigV4Identity(vector.Context.AccessKeyId, vector.Context.Region, vector.Context.Service, vector.Context.Timestamp),
            result.Identity);
        Assert.Equal(vector.Context.SessionToken, signed.SessionToken);
    }

    [Theory]
    [MemberData(nameof(SupportedCases))]
    public void SignedRequest_WithAnySignedPartChangedByOneByte_FailsVerification(string caseName, string form)
    {
        var vector = Vector.Load(caseName, form);
        var verifier = new SigV4Verifier(new SigV4VerificationPolicy(vector.Context.Service, TimeSpan.FromMinutes(15)));
        Assert.True(Verify(verifier, vector, vector.SignedRequest).Succeeded);

        var mutations = OneByteMutation.All(vector.SignedRequest, vector.SignedHeaders, vector.UnsignedQueryParameters);
        var wrong = new List<string>();
        foreach (var mutation in mutations)
        {
            var result = Verify(verifier, vector, mutation.Request);
            if (result.Succeeded)
            {
                wrong.Add($"{mutation.Part}: still verifies");
            }
            else if (mutation.MustBeSignatureMismatch && result.Failure.Kind != SigV4FailureKind.SignatureMismatch)
            {
                wrong.Add($"{mutation.Part}: rejected as {result.Failure.Kind}, expected SignatureMismatch");
            }
        }

        Assert.Empty(wrong);
        Assert.Contains(mutations, m => m.Part is "signed header x-amz-date" or "query parameter X-Amz-Date");
        Assert.Contains(mutations, m => m.Part.StartsWith("signature", StringComparison.Ordinal));
        var signedQueryParameters = vector.SignedRequest.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Length - vector.UnsignedQueryParameters.Count;
        Assert.Equal(3 + signedQueryParameters + vector.SignedHeaders.Count + (form == "header" ? 1 : 0), mutations.Count);
    }

    [Theory]
    [MemberData(nameof(ExcludedUnnormalisedCases))]
    public void ExcludedUnnormalisedCase_IsRejected_BecauseTheGatewayAlwaysNormalisesThePath(string caseName)
    {
        foreach (var form in new[] { "header", "query" })
        {
            var vector = Vector.Load(caseName, form);
            var verifier = new SigV4Verifier(new SigV4VerificationPolicy(vector.Context.Service, TimeSpan.FromMinutes(15)));

            var result = Verify(verifier, vector, vector.SignedRequest);

            Assert.False(result.Succeeded, $"{caseName} ({form}) verified although its path was signed unnormalised.");
            Assert.Equal(SigV4FailureKind.SignatureMismatch, result.Failure.Kind);
        }
    }

    [Theory]
    [MemberData(nameof(SigV4aCases))]
    public void SigV4aCase_IsRejectedAsMalformed_BecauseOnlyHmacSha256IsSupported(string caseName)
    {
        var folder = Path.Combine(SigV4ConformanceSuite.AwsCAuthV4a, caseName);
        var context = AwsCAuthContext.Load(folder);
        var verifier = new SigV4Verifier(new SigV4VerificationPolicy(context.Service, TimeSpan.FromMinutes(15)));
        foreach (var file in new[] { "header-signed-request.txt", "query-signed-request.txt" })
        {
            var request = RawHttpRequest.Load(Path.Combine(folder, file));

            var result = verifier.Verify(request.ToSigV4Request(), request.PayloadHash, context.Timestamp, _ => context.SecretAccessKey);

            Assert.False(result.Succeeded);
            Assert.Equal(SigV4FailureKind.Malformed, result.Failure.Kind);
        }
    }

    private static SigV4VerificationResult Verify(SigV4Verifier verifier, Vector vector, RawHttpRequest request) =>
        verifier.Verify(request.ToSigV4Request(), request.PayloadHash, vector.Context.Timestamp, vector.FindSecret);

    /// <summary>One case in one form, with its expected artefacts.</summary>
    private sealed record Vector(
        AwsCAuthContext Context,
        RawHttpRequest SignedRequest,
        IReadOnlyList<string> SignedHeaders,
        string ExpectedCanonicalRequest,
        string ExpectedStringToSign,
        string ExpectedSignature)
    {
        public static Vector Load(string caseName, string form)
        {
            var folder = Path.Combine(SigV4ConformanceSuite.AwsCAuthV4, caseName);
            string Read(string artefact) => SigV4ConformanceSuite.ReadText(Path.Combine(folder, $"{form}-{artefact}.txt"));
            var signed = RawHttpRequest.Parse(Read("signed-request"));
            var signedHeaders = form == "header"
                ? Regex.Match(signed.Header("Authorization")!, "SignedHeaders=([^,]+)").Groups[1].Value
                : Uri.UnescapeDataString(Regex.Match(signed.RawQuery, "X-Amz-SignedHeaders=([^&]+)").Groups[1].Value);
            return new Vector(
                AwsCAuthContext.Load(folder),
                signed,
                signedHeaders.Split(';'),
                Read("canonical-request"),
                Read("string-to-sign"),
                Read("signature"));
        }

        /// <summary>False for the presigned form of post-sts-header-after, whose token was appended after signing.</summary>
        public bool QueryTokenSigned => !(SignedRequest.Header("Authorization") is null && Context.OmitSessionToken);

        public IReadOnlyCollection<string> UnsignedQueryParameters => QueryTokenSigned ? [] : ["X-Amz-Security-Token"];

        public string? FindSecret(string accessKeyId) => accessKeyId == Context.AccessKeyId ? Context.SecretAccessKey : null;
    }
}

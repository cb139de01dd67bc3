using System.Text;
using System.Text.RegularExpressions;
using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Tests.Security.SigV4;

/// <summary>The verifier's failure kinds and messages, and the forms the suites do not cover, against the independent test signer.</summary>
public sealed class SigV4VerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TestSigV4Signer Signer = new("AKIDGATEWAYADMIN", "gateway/secret+key", "eu-west-1", "apigateway");
    private static readonly SigV4Verifier Verifier = new(new SigV4VerificationPolicy("apigateway", TimeSpan.FromMinutes(15)));
    private static readonly Uri RestApis = new("http://127.0.0.1:5000/restapis?limit=25");

    [Fact]
    public void TestSigner_ReproducesTheSuiteSignatures_SoItIsAnIndependentReferenceForTheseTests()
    {
        var suiteSigner = new TestSigV4Signer(SigV4ConformanceSuite.AccessKeyId, SigV4ConformanceSuite.SecretAccessKey, "us-east-1", "service");
        var vanilla = Path.Combine(SigV4ConformanceSuite.AwsCAuthV4, "get-vanilla", "header-signed-request.txt");
        var queryOrder = Path.Combine(SigV4ConformanceSuite.AwsCAuthV4, "get-vanilla-query-order-encoded", "query-signature.txt");

        var headers = suiteSigner.SignHeaders("GET", new Uri("http://example.amazonaws.com/"), [], SigV4ConformanceSuite.SigningTime);
        var presigned = suiteSigner.Presign(
            "GET",
            new Uri("http://example.amazonaws.com/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1"),
            SigV4Verifier.HashPayload([]),
            SigV4ConformanceSuite.SigningTime,
            3600);

        Assert.Equal(RawHttpRequest.Load(vanilla).Header("Authorization"), headers.Single(h => h.Key == "Authorization").Value);
        Assert.EndsWith($"X-Amz-Signature={SigV4ConformanceSuite.ReadText(queryOrder)}", presigned.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void SignedRequest_Verifies_AndReturnsTheSigner()
    {
        var result = Verify(SignedGet(RestApis, Now), []);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(new SigV4Identity("AKIDGATEWAYADMIN", "eu-west-1", "apigateway", Now), result.Identity);
    }

    [Fact]
    public void RequestWithoutAnySignature_FailsAsMissing()
    {
        var result = Verify(Request("GET", RestApis, []), []);

        Assert.Equal(SigV4Failure.Missing, result.Failure);
        Assert.Equal("Missing Authentication Token", result.Failure!.Message);
    }

    [Theory]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9", "Authorization header must use the AWS4-HMAC-SHA256 algorithm.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDGATEWAYADMIN/20260301/eu-west-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date",
        "Authorization header requires 'Signature' parameter.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDGATEWAYADMIN/20260301/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDGATEWAYADMIN/20260301/apigateway/aws4_request'.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDGATEWAYADMIN/20260301/eu-west-1/apigateway/aws4_request, SignedHeaders=x-amz-date, Signature=00",
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDGATEWAYADMIN/20260301/eu-west-1/apigateway/aws5_request, SignedHeaders=host;x-amz-date, Signature=00",
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.")]
    public void IncompleteAuthorizationHeader_FailsAsMalformed_WithAHelpfulMessage(string authorization, string message)
    {
        var request = Request("GET", RestApis, [new("X-Amz-Date", "20260301T100000Z"), new("Authorization", authorization)]);

        var result = Verify(request, []);

        Assert.Equal(new SigV4Failure(SigV4FailureKind.Malformed, message), result.Failure);
    }

    [Fact]
    public void AuthorizationHeaderWithoutAnyDate_FailsAsMalformed()
    {
        var signed = SignedGet(RestApis, Now);
        var withoutDate = Request("GET", RestApis, [new("Authorization", signed.Headers.GetValues("Authorization")[0])]);

        var result = Verify(withoutDate, []);

        Assert.Equal(SigV4FailureKind.Malformed, result.Failure?.Kind);
        Assert.Contains("requires existence of either a 'X-Amz-Date' or a 'Date' header", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialScopedToAnotherService_FailsAsWrongService()
    {
        var result = Verify(SignedGet(RestApis, Now, Signer with { Service = "execute-api" }), []);

        Assert.Equal(new SigV4Failure(SigV4FailureKind.WrongService, "Credential should be scoped to correct service: 'apigateway'."), result.Failure);
    }

    [Fact]
    public void UnknownAccessKey_FailsAsUnknownAccessKey()
    {
        var result = Verify(SignedGet(RestApis, Now, Signer with { AccessKeyId = "AKIDSOMEONEELSE" }), []);

        Assert.Equal(SigV4Failure.UnknownAccessKey, result.Failure);
    }

    [Fact]
    public void WrongSecret_FailsAsSignatureMismatch()
    {
        var result = Verify(SignedGet(RestApis, Now, Signer with { SecretAccessKey = "not-the-secret" }), []);

        Assert.Equal(SigV4Failure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void SignedSixteenMinutesAgo_FailsAsExpired_WithAwsMessage()
    {
        var result = Verify(SignedGet(RestApis, Now.AddMinutes(-16)), []);

        Assert.Equal(
            new SigV4Failure(SigV4FailureKind.Expired, "Signature expired: 20260301T094400Z is now earlier than 20260301T094500Z (20260301T100000Z - 15 min.)"),
            result.Failure);
    }

    [Fact]
    public void SignedSixteenMinutesAhead_FailsAsExpired_NotYetCurrent()
    {
        var result = Verify(SignedGet(RestApis, Now.AddMinutes(16)), []);

        Assert.Equal(
            new SigV4Failure(SigV4FailureKind.Expired, "Signature not yet current: 20260301T101600Z is still later than 20260301T101500Z (20260301T100000Z + 15 min.)"),
            result.Failure);
    }

    [Theory]
    [InlineData(-15)]
    [InlineData(14)]
    public void SignedWithinFifteenMinutesEitherSide_Verifies(int minutes)
    {
        Assert.True(Verify(SignedGet(RestApis, Now.AddMinutes(minutes)), []).Succeeded);
    }

    [Fact]
    public void HttpDateHeader_IsAcceptedInPlaceOfXAmzDate_AndIsSigned()
    {
        var headers = Signer.SignHeaders("GET", RestApis, [], Now, useHttpDate: true);
        var request = Request("GET", RestApis, headers);
        var changedDate = Request("GET", RestApis, [new("Date", Now.AddSeconds(1).ToString("r")), headers[1]]);

        Assert.True(Verify(request, []).Succeeded, Verify(request, []).Failure?.Message);
        Assert.Equal(SigV4Failure.SignatureMismatch, Verify(changedDate, []).Failure);
    }

    [Fact]
    public void CredentialScopeDateOtherThanTheSigningDate_FailsAsSignatureMismatch()
    {
        var headers = Signer.SignHeaders("GET", RestApis, [], Now);
        var otherDay = headers[1].Value.Replace("/20260301/", "/20260302/", StringComparison.Ordinal);

        var result = Verify(Request("GET", RestApis, [headers[0], new("Authorization", otherDay)]), []);

        Assert.Equal(
            new SigV4Failure(
                SigV4FailureKind.SignatureMismatch,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260302' != '20260301', from '20260301T100000Z'."),
            result.Failure);
    }

    [Fact]
    public void UpperCaseSignature_FailsAsSignatureMismatch()
    {
        var headers = Signer.SignHeaders("GET", RestApis, [], Now);
        var upper = Regex.Replace(headers[1].Value, "(?<=Signature=).*$", m => m.Value.ToUpperInvariant());

        Assert.Equal(SigV4Failure.SignatureMismatch, Verify(Request("GET", RestApis, [headers[0], new("Authorization", upper)]), []).Failure);
    }

    [Fact]
    public void PercentEncodedPath_VerifiesAgainstTheRawPath_NotTheDecodedOne()
    {
        var uri = new Uri("http://127.0.0.1:5000/restapis/a%20b/resources/c%2Fd");
        var signed = SignedGet(uri, Now);
        var decoded = signed with { RawPath = Uri.UnescapeDataString(signed.RawPath) };

        Assert.Equal("/restapis/a%20b/resources/c%2Fd", signed.RawPath);
        Assert.True(Verify(signed, []).Succeeded);
        Assert.Equal(SigV4Failure.SignatureMismatch, Verify(decoded, []).Failure);
    }

    [Fact]
    public void RepeatedEncodedAndValuelessQueryParameters_Verify()
    {
        Assert.True(Verify(SignedGet(new Uri("http://127.0.0.1:5000/restapis?b=2&a=%2B&a=1&mode&name=%C3%A9t%C3%A9"), Now), []).Succeeded);
    }

    [Fact]
    public void SignedContentSha256ThatDoesNotMatchTheBody_FailsAsSignatureMismatch()
    {
        var body = Encoding.UTF8.GetBytes("""{"name":"pets"}""");
        KeyValuePair<string, string> declared = new("x-amz-content-sha256", SigV4Verifier.HashPayload(body));
        var request = Request("POST", RestApis, [declared, .. Signer.SignHeaders("POST", RestApis, body, Now, [declared])]);

        Assert.True(Verify(request, body).Succeeded);
        Assert.Equal(SigV4Failure.SignatureMismatch, Verify(request, Encoding.UTF8.GetBytes("""{"name":"cats"}""")).Failure);
    }

    [Fact]
    public void UnsignedPayloadInTheAuthorizationHeaderForm_FailsAsMalformed()
    {
        KeyValuePair<string, string> unsigned = new("x-amz-content-sha256", SigV4Verifier.UnsignedPayload);
        var request = Request("POST", RestApis, [unsigned, .. Signer.SignHeaders("POST", RestApis, [], Now, [unsigned])]);

        Assert.Equal(SigV4FailureKind.Malformed, Verify(request, []).Failure?.Kind);
    }

    [Fact]
    public void PresignedUrl_VerifiesUntilItExpires()
    {
        var url = Signer.Presign("GET", RestApis, SigV4Verifier.HashPayload([]), Now, expiresSeconds: 300);
        var request = Request("GET", url, []);

        Assert.True(Verify(request, [], Now.AddSeconds(300)).Succeeded);
        Assert.Equal(
            new SigV4Failure(SigV4FailureKind.Expired, "Signature expired: 20260301T100000Z is now earlier than 20260301T100001Z (20260301T100501Z - 300 sec.)"),
            Verify(request, [], Now.AddSeconds(301)).Failure);
    }

    [Fact]
    public void PresignedUrlWithUnsignedPayload_AcceptsAnyBody()
    {
        var url = Signer.Presign("PUT", RestApis, SigV4Verifier.UnsignedPayload, Now, expiresSeconds: 60);
        var request = Request("PUT", url, [new("x-amz-content-sha256", SigV4Verifier.UnsignedPayload)]);

        Assert.True(Verify(request, Encoding.UTF8.GetBytes("any body")).Succeeded);
    }

    [Fact]
    public void PresignedUrlWithAnAuthorizationHeaderToo_FailsAsMalformed()
    {
        var url = Signer.Presign("GET", RestApis, SigV4Verifier.HashPayload([]), Now, expiresSeconds: 60);

        var result = Verify(Request("GET", url, Signer.SignHeaders("GET", url, [], Now)), []);

        Assert.Equal(SigV4FailureKind.Malformed, result.Failure?.Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(604801)]
    public void PresignedUrlWithExpiryOutsideOneSecondToSevenDays_FailsAsMalformed(int expiresSeconds)
    {
        var url = Signer.Presign("GET", RestApis, SigV4Verifier.HashPayload([]), Now, expiresSeconds);

        Assert.Equal(SigV4FailureKind.Malformed, Verify(Request("GET", url, []), []).Failure?.Kind);
    }

    [Fact]
    public void PresignedUrlMissingARequiredParameter_FailsAsMalformed()
    {
        var url = Signer.Presign("GET", RestApis, SigV4Verifier.HashPayload([]), Now, expiresSeconds: 60);
        var withoutExpiry = new Uri(Regex.Replace(url.ToString(), "&X-Amz-Expires=[0-9]+", string.Empty));

        Assert.Equal(SigV4FailureKind.Malformed, Verify(Request("GET", withoutExpiry, []), []).Failure?.Kind);
    }

    private static SigV4Request SignedGet(Uri uri, DateTimeOffset signedAt, TestSigV4Signer? signer = null) =>
        Request("GET", uri, (signer ?? Signer).SignHeaders("GET", uri, [], signedAt));

    /// <summary>The request a server receives: the client's headers plus <c>Host</c>, the raw path and query.</summary>
    private static SigV4Request Request(string method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var received = new SigV4Headers();
        received.Add("Host", uri.Authority);
        foreach (var (name, value) in headers)
        {
            received.Add(name, value);
        }

        return new SigV4Request(method, uri.AbsolutePath, uri.Query.TrimStart('?'), received);
    }

    private static SigV4VerificationResult Verify(SigV4Request request, byte[] body, DateTimeOffset? now = null) =>
        Verifier.Verify(
            request,
            SigV4Verifier.HashPayload(body),
            now ?? Now,
            accessKeyId => accessKeyId == Signer.AccessKeyId ? Signer.SecretAccessKey : null);
}

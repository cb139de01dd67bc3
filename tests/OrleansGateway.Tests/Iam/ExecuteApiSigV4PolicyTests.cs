using OrleansGateway.Edge.Security.SigV4;
using OrleansGateway.Tests.Security.SigV4;

// Not "OrleansGateway.Tests.Iam": that namespace would hide the policy tests' static Iam(...) request builder.
namespace OrleansGateway.Tests.IamTests;

/// <summary>
/// The verifier as the data plane (service <c>execute-api</c>, ±5 minutes) and the management
/// listener (<c>apigateway</c> plus <c>iam</c>) configure it, against the independent test signer.
/// </summary>
public sealed class ExecuteApiSigV4PolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TestSigV4Signer Caller = new("AKIAIAMCALLER0000001", "caller/secret+key0123456789abcdefghijklm", "us-east-1", "execute-api");
    private static readonly SigV4Verifier DataPlane = new(new SigV4VerificationPolicy("execute-api", TimeSpan.FromMinutes(5)));
    private static readonly SigV4Verifier Management = new(new SigV4VerificationPolicy("apigateway", TimeSpan.FromMinutes(15)) { OtherServices = ["iam"] });
    private static readonly Uri Method = new("http://abc123.execute-api.localhost/prod/pets/a%20b%2Bc?limit=5");

    [Theory]
    [InlineData(-4)]
    [InlineData(4)]
    public void Execute_api_signature_within_five_minutes_either_side_verifies(int minutes)
    {
        var result = Verify(DataPlane, Signed(Caller, Method, Now.AddMinutes(minutes)), Now);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("execute-api", result.Identity!.Service);
    }

    [Fact]
    public void Execute_api_signature_six_minutes_old_is_expired_with_api_gateways_five_minute_message()
    {
        var result = Verify(DataPlane, Signed(Caller, Method, Now.AddMinutes(-6)), Now);

        Assert.False(result.Succeeded);
        Assert.Equal(SigV4FailureKind.Expired, result.Failure.Kind);
        Assert.Equal("Signature expired: 20260301T095400Z is now earlier than 20260301T095500Z (20260301T100000Z - 5 min.)", result.Failure.Message);
    }

    [Fact]
    public void Execute_api_presigned_url_with_a_double_encoded_path_verifies_until_it_expires()
    {
        var url = Caller.Presign("GET", Method, SigV4Verifier.HashPayload([]), Now, expiresSeconds: 60);
        var request = Request("GET", url, []);

        Assert.True(Verify(DataPlane, request, Now.AddSeconds(59)).Succeeded);
        var expired = Verify(DataPlane, request, Now.AddSeconds(61));
        Assert.Equal(SigV4FailureKind.Expired, expired.Failure!.Kind);
    }

    [Fact]
    public void A_request_signed_for_apigateway_is_not_accepted_by_the_data_plane()
    {
        var result = Verify(DataPlane, Signed(Caller with { Service = "apigateway" }, Method, Now), Now);

        Assert.Equal(new SigV4Failure(SigV4FailureKind.WrongService, "Credential should be scoped to correct service: 'execute-api'."), result.Failure);
    }

    [Theory]
    [InlineData("apigateway", true)]
    [InlineData("iam", true)]
    [InlineData("execute-api", false)]
    [InlineData("sts", false)]
    public void The_management_listener_accepts_apigateway_and_iam_scopes_only(string service, bool accepted)
    {
        var uri = new Uri("http://127.0.0.1:9090/");
        var result = Verify(Management, Signed(Caller with { Service = service }, uri, Now), Now);

        Assert.Equal(accepted, result.Succeeded);
        if (accepted)
        {
            Assert.Equal(service, result.Identity!.Service);
        }
    }

    private static SigV4Request Signed(TestSigV4Signer signer, Uri uri, DateTimeOffset at)
    {
        var headers = signer.SignHeaders("GET", uri, [], at);
        return Request("GET", uri, headers);
    }

    private static SigV4Request Request(string method, Uri uri, IEnumerable<KeyValuePair<string, string>> extraHeaders)
    {
        var headers = new SigV4Headers();
        headers.Add("Host", uri.Authority);
        foreach (var (name, value) in extraHeaders)
        {
            headers.Add(name, value);
        }
        var (path, query) = SigV4Request.SplitTarget(uri.PathAndQuery);
        return new SigV4Request(method, path, query, headers);
    }

    private static SigV4VerificationResult Verify(SigV4Verifier verifier, SigV4Request request, DateTimeOffset now) =>
        verifier.Verify(request, SigV4Verifier.HashPayload([]), now, id => id == Caller.AccessKeyId ? Caller.SecretAccessKey : null);
}

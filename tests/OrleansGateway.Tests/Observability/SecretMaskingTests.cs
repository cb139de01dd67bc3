using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OrleansGateway.Edge.Observability.ExecutionLogs;

namespace OrleansGateway.Tests.Observability;

/// <summary>What execution logs show of credentials: nothing but their scheme and, for SigV4, the signing scope.</summary>
public sealed class SecretMaskingTests
{
    [Fact]
    public void SigV4AuthorizationKeepsItsScopeAndLosesItsSignature()
    {
        var masked = SecretMasking.HeaderValue("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");

        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=****", masked);
    }

    [Theory]
    [InlineData("Authorization", "Bearer eyJhbGciOi.secret.token", "Bearer ****")]
    [InlineData("authorization", "opaque-token-without-scheme", "****")]
    [InlineData("X-API-Key", "abcdefghijklmnopqrstuvwxyz", "****")]
    [InlineData("Cookie", "session=s3cr3t; theme=dark", "****")]
    [InlineData("Set-Cookie", "session=s3cr3t; HttpOnly", "****")]
    [InlineData("x-amz-security-token", "FwoGZXIvYXdzE-session-token", "****")]
    [InlineData("Accept", "application/json", "application/json")]
    public void CredentialHeadersAreMaskedAndOthersKept(string name, string value, string expected) =>
        Assert.Equal(expected, SecretMasking.HeaderValue(name, value));

    [Fact]
    public void HeaderListsMaskEachCredential()
    {
        var headers = new Dictionary<string, StringValues>
        {
            ["Host"] = "api.example",
            ["x-api-key"] = "key-value-123",
            ["Authorization"] = "Basic dXNlcjpwYXNz",
        };

        Assert.Equal("{Host=api.example, x-api-key=****, Authorization=Basic ****}", SecretMasking.Headers(headers));
    }

    [Fact]
    public void PresignedQuerySecretsAreMaskedInQueryStringsAndBackendUris()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["X-Amz-Credential"] = "AKID/20261125/us-east-1/execute-api/aws4_request",
            ["X-Amz-Signature"] = "abc123",
            ["X-Amz-Security-Token"] = "tok",
            ["page"] = "2",
        });

        Assert.Equal("{X-Amz-Credential=AKID/20261125/us-east-1/execute-api/aws4_request, X-Amz-Signature=****, X-Amz-Security-Token=****, page=2}",
            SecretMasking.Query(query));
        Assert.Equal("http://backend:8080/items?page=2&x-amz-signature=****&X-Amz-Security-Token=****&flag",
            SecretMasking.Uri("http://backend:8080/items?page=2&x-amz-signature=abc123&X-Amz-Security-Token=tok&flag"));
        Assert.Equal("http://backend:8080/items", SecretMasking.Uri("http://backend:8080/items"));
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// Verifies AWS Signature Version 4 (<c>AWS4-HMAC-SHA256</c>) on the server side, in the
/// <c>Authorization</c> header form and the presigned query form, with the canonicalisation of
/// non-S3 services (normalised, double-encoded path). Pure: no I/O, no clock, no ASP.NET types.
/// </summary>
/// <remarks>
/// Verification is two steps so that a caller can reject cheaply before it reads the body or looks a
/// secret up: <see cref="TryReadSignature"/> checks form, scope, service and time;
/// <see cref="VerifySignature"/> checks the payload and the HMAC. <see cref="Verify"/> does both.
/// </remarks>
public sealed class SigV4Verifier(SigV4VerificationPolicy policy)
{
    /// <summary>The <c>x-amz-content-sha256</c> value with which a presigned URL leaves the body unsigned.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>The policy this verifier applies.</summary>
    public SigV4VerificationPolicy Policy { get; } = policy;

    /// <summary>Lower-case hex SHA-256 of a body, the form <see cref="VerifySignature"/> expects.</summary>
    public static string HashPayload(ReadOnlySpan<byte> body) => SigV4Signature.HashHex(body);

    /// <summary>Reads the signature and checks everything except the secret and the payload.</summary>
    public bool TryReadSignature(
        SigV4Request request,
        DateTimeOffset now,
        [NotNullWhen(true)] out SigV4SignedRequest? signed,
        [NotNullWhen(false)] out SigV4Failure? failure)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SigV4SignatureReader.TryRead(request, Policy, now, out signed, out failure);
    }

    /// <summary>Checks the signature of a request read by <see cref="TryReadSignature"/>.</summary>
    /// <param name="signed">The request.</param>
    /// <param name="secretAccessKey">The secret belonging to <see cref="SigV4SignedRequest.AccessKeyId"/>.</param>
    /// <param name="payloadSha256Hex">The SHA-256 of the body actually received (<see cref="HashPayload"/>).</param>
    public SigV4VerificationResult VerifySignature(SigV4SignedRequest signed, string secretAccessKey, string payloadSha256Hex)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(secretAccessKey);
        ArgumentNullException.ThrowIfNull(payloadSha256Hex);
        if (!TryResolvePayloadHash(signed, payloadSha256Hex, out var signedPayloadHash, out var failure))
        {
            return SigV4VerificationResult.Fail(failure);
        }

        var matches = MatchesSignature(signed.Signature, ComputeSignature(signed, secretAccessKey, signedPayloadHash, queryTokenSigned: true));

        // AWS documents two ways to add a session token: signed, or appended after signing (the
        // suites' post-sts-header-after). In a header the signed-header list tells which; in a presigned
        // URL only a second computation can. The token is not what authenticates the caller, so
        // leaving it unsigned weakens nothing the signature protects.
        if (!matches && signed.IsPresigned && signed.SessionToken is not null)
        {
            matches = MatchesSignature(signed.Signature, ComputeSignature(signed, secretAccessKey, signedPayloadHash, queryTokenSigned: false));
        }

        return matches
            ? SigV4VerificationResult.Success(
                new SigV4Identity(signed.AccessKeyId, signed.Scope.Region, signed.Scope.Service, signed.SignedAt))
            : SigV4VerificationResult.Fail(SigV4Failure.SignatureMismatch);
    }

    /// <summary>Verifies a request in one step.</summary>
    /// <param name="request">The request.</param>
    /// <param name="payloadSha256Hex">The SHA-256 of the body actually received.</param>
    /// <param name="now">The current time.</param>
    /// <param name="findSecret">The secret for an access key id, or <see langword="null"/> when the key is unknown.</param>
    public SigV4VerificationResult Verify(SigV4Request request, string payloadSha256Hex, DateTimeOffset now, Func<string, string?> findSecret)
    {
        ArgumentNullException.ThrowIfNull(findSecret);
        if (!TryReadSignature(request, now, out var signed, out var failure))
        {
            return SigV4VerificationResult.Fail(failure);
        }

        var secret = findSecret(signed.AccessKeyId);
        return secret is null
            ? SigV4VerificationResult.Fail(SigV4Failure.UnknownAccessKey)
            : VerifySignature(signed, secret, payloadSha256Hex);
    }

    /// <summary>The canonical request as this verifier builds it; for conformance tests and diagnostics, never logged.</summary>
    internal static string BuildCanonicalRequest(SigV4SignedRequest signed, string signedPayloadHash, bool queryTokenSigned = true) =>
        SigV4CanonicalRequest.Build(signed, signedPayloadHash, queryTokenSigned);

    /// <summary>The string to sign as this verifier builds it.</summary>
    internal static string BuildStringToSign(SigV4SignedRequest signed, string signedPayloadHash, bool queryTokenSigned = true) =>
        SigV4Signature.BuildStringToSign(signed.AmzDate, signed.Scope, BuildCanonicalRequest(signed, signedPayloadHash, queryTokenSigned));

    /// <summary>
    /// The payload hash the client signed: <c>x-amz-content-sha256</c> when sent (it must then equal
    /// the received body's hash, or the body was altered), else the received body's hash.
    /// </summary>
    internal static bool TryResolvePayloadHash(
        SigV4SignedRequest signed,
        string payloadSha256Hex,
        [NotNullWhen(true)] out string? signedPayloadHash,
        [NotNullWhen(false)] out SigV4Failure? failure)
    {
        signedPayloadHash = null;
        failure = null;
        var declared = signed.Request.Headers.GetValues("x-amz-content-sha256");
        if (declared.Count == 0)
        {
            signedPayloadHash = payloadSha256Hex;
            return true;
        }

        var value = declared.Count == 1 ? declared[0].Trim() : string.Empty;
        if (value == UnsignedPayload && signed.IsPresigned)
        {
            signedPayloadHash = value;
            return true;
        }

        if (value.Length != 64 || !value.All(char.IsAsciiHexDigit))
        {
            // Unsigned bodies are for presigned URLs only; S3's streaming (chunked) signatures are not supported.
            failure = SigV4Failure.Malformed(
                $"x-amz-content-sha256 must be the hex SHA-256 of the payload ({UnsignedPayload} is accepted only in presigned URLs).");
            return false;
        }

        if (!value.Equals(payloadSha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            failure = SigV4Failure.SignatureMismatch;
            return false;
        }

        signedPayloadHash = value;
        return true;
    }

    private static byte[] ComputeSignature(SigV4SignedRequest signed, string secretAccessKey, string signedPayloadHash, bool queryTokenSigned) =>
        SigV4Signature.Compute(secretAccessKey, signed.Scope, BuildStringToSign(signed, signedPayloadHash, queryTokenSigned));

    /// <summary>Constant-time comparison, so response timing reveals nothing about the expected signature.</summary>
    private static bool MatchesSignature(string provided, byte[] expected)
    {
        // SDKs always send 64 lower-case hex digits; anything else cannot match.
        if (provided.Length != expected.Length * 2 || !provided.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(provided), expected);
    }
}

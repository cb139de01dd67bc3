namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// A request whose signature has been read and whose scope and time are acceptable, but whose
/// signature is not yet checked: the caller looks the secret up for <see cref="AccessKeyId"/> (maybe
/// asynchronously) and then calls <see cref="SigV4Verifier.VerifySignature"/>.
/// </summary>
public sealed class SigV4SignedRequest
{
    internal SigV4SignedRequest(
        SigV4Request request,
        IReadOnlyList<SigV4QueryParameter> query,
        bool isPresigned,
        string accessKeyId,
        SigV4CredentialScope scope,
        string amzDate,
        DateTimeOffset signedAt,
        IReadOnlyList<string> signedHeaders,
        string signature,
        string? sessionToken)
    {
        Request = request;
        Query = query;
        IsPresigned = isPresigned;
        AccessKeyId = accessKeyId;
        Scope = scope;
        AmzDate = amzDate;
        SignedAt = signedAt;
        SignedHeaders = signedHeaders;
        Signature = signature;
        SessionToken = sessionToken;
    }

    /// <summary>The request as received.</summary>
    public SigV4Request Request { get; }

    /// <summary>Whether the signature travels in the query string (presigned URL) rather than <c>Authorization</c>.</summary>
    public bool IsPresigned { get; }

    /// <summary>The access key id that claims to have signed the request.</summary>
    public string AccessKeyId { get; }

    /// <summary>The credential scope.</summary>
    public SigV4CredentialScope Scope { get; }

    /// <summary>The signing time.</summary>
    public DateTimeOffset SignedAt { get; }

    /// <summary>The lower-case names of the signed headers, in the order the signer listed them.</summary>
    public IReadOnlyList<string> SignedHeaders { get; }

    /// <summary>
    /// <c>X-Amz-Security-Token</c>, when sent. The verifier does not validate it (the gateway issues
    /// no temporary credentials); a caller that must honour session tokens checks it.
    /// </summary>
    public string? SessionToken { get; }

    internal IReadOnlyList<SigV4QueryParameter> Query { get; }

    /// <summary>The signing time exactly as it enters the string to sign (<c>yyyyMMddTHHmmssZ</c>).</summary>
    internal string AmzDate { get; }

    /// <summary>The signature the client sent; internal so that it is never logged or echoed by accident.</summary>
    internal string Signature { get; }
}

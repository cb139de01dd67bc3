namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>Why a request failed SigV4 verification.</summary>
public enum SigV4FailureKind
{
    /// <summary>The request carries no signature at all (no <c>Authorization</c>, no <c>X-Amz-Signature</c>).</summary>
    Missing,

    /// <summary>A signature is present but incomplete or unparsable (credential scope, date, signed headers...).</summary>
    Malformed,

    /// <summary>The access key id is not known to the verifier's caller.</summary>
    UnknownAccessKey,

    /// <summary>The signature does not match the request (wrong secret, or any signed part altered).</summary>
    SignatureMismatch,

    /// <summary>The signing time is outside the allowed clock skew, or the presigned URL has expired.</summary>
    Expired,

    /// <summary>The credential scope names another service.</summary>
    WrongService,
}

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>A verification failure with the message AWS gives the client for it.</summary>
/// <param name="Kind">The failure category.</param>
/// <param name="Message">Client-facing text in AWS's wording; it never contains a secret or a signature.</param>
public sealed record SigV4Failure(SigV4FailureKind Kind, string Message)
{
    /// <summary>No signature in the request.</summary>
    public static SigV4Failure Missing { get; } = new(SigV4FailureKind.Missing, "Missing Authentication Token");

    /// <summary>The access key id is unknown.</summary>
    public static SigV4Failure UnknownAccessKey { get; } =
        new(SigV4FailureKind.UnknownAccessKey, "The security token included in the request is invalid.");

    /// <summary>The signature does not match.</summary>
    public static SigV4Failure SignatureMismatch { get; } = new(
        SigV4FailureKind.SignatureMismatch,
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    internal static SigV4Failure Malformed(string message) => new(SigV4FailureKind.Malformed, message);
}

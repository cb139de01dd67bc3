namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// Why the SigV4 middleware refused a management call, set as a request feature so the audit trail can
/// record the refusal. Carries only what the caller claimed in the clear: never the signature or a secret.
/// </summary>
/// <param name="ErrorCode">The AWS error name answered, e.g. <c>InvalidSignatureException</c>.</param>
/// <param name="AccessKeyId">The access key id the caller claimed, when its credential was readable.</param>
/// <param name="Service">The signing service of the credential scope, when readable.</param>
/// <param name="Region">The region of the credential scope, when readable.</param>
public sealed record SigV4Refusal(string ErrorCode, string? AccessKeyId, string? Service, string? Region);

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>Who signed a verified request, and where and when.</summary>
/// <param name="AccessKeyId">The access key id from the credential scope.</param>
/// <param name="Region">The region from the credential scope (any region is accepted).</param>
/// <param name="Service">The service from the credential scope.</param>
/// <param name="SignedAt">The signing time (<c>X-Amz-Date</c>).</param>
public sealed record SigV4Identity(string AccessKeyId, string Region, string Service, DateTimeOffset SignedAt);

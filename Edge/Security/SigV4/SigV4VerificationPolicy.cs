namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>What a verifier accepts: the signing service and how far a signature's time may drift.</summary>
/// <param name="Service">The service name the credential scope must name (<c>apigateway</c>, <c>execute-api</c>).</param>
/// <param name="MaxClockSkew">How far <c>X-Amz-Date</c> may be from the server's clock (AWS uses 15 minutes).</param>
public sealed record SigV4VerificationPolicy(string Service, TimeSpan MaxClockSkew)
{
    /// <summary>
    /// Further services the scope may name: the management listener also serves IAM's query API
    /// (service <c>iam</c>) under the same admin key. The verified service is in <see cref="SigV4Identity.Service"/>.
    /// </summary>
    public IReadOnlyList<string> OtherServices { get; init; } = [];
}

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>What a verifier accepts: the signing service and how far a signature's time may drift.</summary>
/// <param name="Service">The service name the credential scope must name (<c>apigateway</c>, <c>execute-api</c>).</param>
/// <param name="MaxClockSkew">How far <c>X-Amz-Date</c> may be from the server's clock (AWS uses 15 minutes).</param>
public sealed record SigV4VerificationPolicy(string Service, TimeSpan MaxClockSkew);

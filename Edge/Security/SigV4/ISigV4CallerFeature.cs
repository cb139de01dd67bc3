namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// Set in <c>HttpContext.Features</c> by the SigV4 middleware once a request's signature is verified:
/// later middleware and endpoints (the audit trail) read the caller from it with
/// <c>context.Features.Get&lt;ISigV4CallerFeature&gt;()</c>. Absent on requests that were not verified.
/// </summary>
public interface ISigV4CallerFeature
{
    /// <summary>The verified signer (access key id, region, service, signing time).</summary>
    SigV4Identity Caller { get; }
}

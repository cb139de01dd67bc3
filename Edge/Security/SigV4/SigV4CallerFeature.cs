namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>The feature the middleware sets after a successful verification.</summary>
internal sealed record SigV4CallerFeature(SigV4Identity Caller) : ISigV4CallerFeature;

using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Grains.Interfaces.Authorizers;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>
/// A result this edge holds until it expires cluster-wide: the answer with its policy parsed and its
/// principal built once, so a cache hit costs one policy evaluation and no allocation beyond it.
/// </summary>
internal sealed class AuthorizerLease
{
    private AuthorizerLease(CachedAuthorizerResult result, PolicyDocument? policy)
    {
        Result = result;
        Policy = policy;
        Principal = new AuthorizerPrincipal
        {
            PrincipalId = result.PrincipalId,
            Context = result.Context,
            UsageIdentifierKey = result.UsageIdentifierKey,
        };
    }

    public CachedAuthorizerResult Result { get; }

    /// <summary>The policy to evaluate against each request's method ARN; null for simple responses.</summary>
    public PolicyDocument? Policy { get; }

    public AuthorizerPrincipal Principal { get; }

    /// <summary>The lease for <paramref name="result"/>; null when its policy does not parse (checked where the call was made, so only on a version mismatch).</summary>
    public static AuthorizerLease? From(CachedAuthorizerResult result)
    {
        if (result.PolicyJson is null)
        {
            return new AuthorizerLease(result, null);
        }
        try
        {
            return new AuthorizerLease(result, PolicyDocument.Parse(result.PolicyJson));
        }
        catch (PolicyDocumentException)
        {
            return null;
        }
    }
}

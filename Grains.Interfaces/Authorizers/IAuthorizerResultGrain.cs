namespace OrleansGateway.Grains.Interfaces.Authorizers;

/// <summary>
/// The cluster-wide cache entry of one Lambda-style authorizer result: one per API, authorizer and
/// identity, keyed <c>{apiId}|{authorizerId}|{SHA-256 of the identity-source values, hex}</c> (see
/// <see cref="AuthorizerResultKeys"/>) so no token ever appears in a grain id or a log. It
/// single-flights the authorizer call: the first edge to ask is told to call, concurrent askers on
/// any edge wait for that call, so the cluster makes one call per identity per TTL.
/// </summary>
[Alias("og.IAuthorizerResultGrain")]
public interface IAuthorizerResultGrain : IGrainWithStringKey
{
    /// <summary>
    /// The cached result; otherwise a grant to call (valid for <paramref name="callLease"/>, after which
    /// another asker is granted the call, in case the granted edge died); otherwise, while another
    /// edge's call is in flight, waits for it.
    /// </summary>
    [Alias("Lookup")]
    Task<AuthorizerResultLookup> Lookup(TimeSpan callLease);

    /// <summary>
    /// Reports the call granted with <paramref name="callToken"/>: a <paramref name="result"/> to cache
    /// until its expiry, or the <paramref name="failure"/> that the waiting askers share (not cached).
    /// </summary>
    [Alias("Complete")]
    Task Complete(Guid callToken, CachedAuthorizerResult? result, string? failure);
}

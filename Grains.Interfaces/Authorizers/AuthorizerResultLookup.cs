namespace OrleansGateway.Grains.Interfaces.Authorizers;

/// <summary>
/// The answer of <see cref="IAuthorizerResultGrain.Lookup"/>: exactly one of a cached result, a
/// grant to make the authorizer call (<see cref="CallToken"/>), or the failure of the call another
/// edge just made for the same identity.
/// </summary>
/// <param name="Result">The cached result, when one is valid.</param>
/// <param name="CallToken">Non-empty when the caller must call the authorizer and report back with this token.</param>
/// <param name="Failure">The refusal (a gateway response type name) of the concurrent call this lookup waited for.</param>
[GenerateSerializer, Immutable, Alias("og.AuthorizerResultLookup")]
public sealed record AuthorizerResultLookup(
    [property: Id(0)] CachedAuthorizerResult? Result,
    [property: Id(1)] Guid CallToken,
    [property: Id(2)] string? Failure)
{
    /// <summary>A valid cached result.</summary>
    public static AuthorizerResultLookup Cached(CachedAuthorizerResult result) => new(result, Guid.Empty, null);

    /// <summary>The caller makes the call and reports it with <paramref name="token"/>.</summary>
    public static AuthorizerResultLookup CallNow(Guid token) => new(null, token, null);

    /// <summary>The concurrent call failed with <paramref name="failure"/>; failures are not cached.</summary>
    public static AuthorizerResultLookup Failed(string failure) => new(null, Guid.Empty, failure);
}

using Microsoft.IdentityModel.Tokens;

namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>
/// What a JWK says about its own use, honoured when it verifies a token: <c>use</c> must be
/// <c>sig</c> (or absent), <c>key_ops</c> must include <c>verify</c> (or be absent), and an
/// <c>alg</c> on the key must be the token's, so a key published for PS512 verifies neither
/// RS512 nor PS256 signatures (Wycheproof's WrongPrimitive cases).
/// </summary>
public static class JwkSigningRules
{
    /// <summary>True when <paramref name="key"/> may verify a signature made with <paramref name="algorithm"/>.</summary>
    public static bool Permits(JsonWebKey key, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!string.IsNullOrEmpty(key.Use) && !string.Equals(key.Use, JsonWebKeyUseNames.Sig, StringComparison.Ordinal))
        {
            return false;
        }
        if (key.KeyOps.Count > 0 && !key.KeyOps.Contains("verify"))
        {
            return false;
        }
        return string.IsNullOrEmpty(key.Alg) || string.Equals(key.Alg, algorithm, StringComparison.Ordinal);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Grains.Interfaces.Authorizers;

/// <summary>Builds <see cref="IAuthorizerResultGrain"/> keys.</summary>
public static class AuthorizerResultKeys
{
    /// <summary>
    /// <c>{apiId}|{authorizerId}|{hex SHA-256 of identity}</c>. The identity (a bearer token, or the
    /// concatenated identity sources) is hashed so credentials never reach grain ids, placement
    /// tables or logs.
    /// </summary>
    public static string For(string apiId, string authorizerId, string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(identity.Length);
        var buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(identity, buffer);
        SHA256.HashData(buffer[..written], hash);
        return string.Concat(apiId, "|", authorizerId, "|", Convert.ToHexStringLower(hash));
    }
}

using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Grains.Interfaces.ApiKeys;

/// <summary>
/// The stored form of an API key value: HMAC-SHA256 under a gateway secret, hex. Keyed rather than
/// plain SHA-256 so that a copy of Redis is not enough to test guesses of short imported keys.
/// Edges compute it per request (about a microsecond) and never keep values.
/// </summary>
public sealed class ApiKeyValueHash
{
    private readonly byte[] _key;

    /// <summary>Creates a hasher from the gateway's API key secret (at least 32 bytes).</summary>
    public ApiKeyValueHash(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The API key secret must be at least 32 bytes.", nameof(secret));
        }
        // A dedicated subkey: the same secret also encrypts values, and one key must not do both jobs.
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "og api key lookup"u8.ToArray());
    }

    /// <summary>The grain key for <paramref name="value"/>.</summary>
    public string Compute(ReadOnlySpan<char> value)
    {
        Span<byte> utf8 = value.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, utf8[..length], mac);
        return Convert.ToHexStringLower(mac);
    }
}

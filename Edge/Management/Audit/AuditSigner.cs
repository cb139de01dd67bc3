using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// HMAC-SHA256 under the configured digest key: signs the chain's head and its digests, so someone who
/// can write Redis but does not hold the key cannot rewrite the chain and re-sign it.
/// </summary>
public sealed class AuditSigner
{
    private readonly byte[] _key;

    /// <summary>Signs with <paramref name="key"/> (UTF-8 bytes of the configured string).</summary>
    public AuditSigner(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>A signer with a random key, for dev mode without a configured one.</summary>
    public static AuditSigner WithRandomKey() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Lowercase hex HMAC-SHA256 of <paramref name="text"/>.</summary>
    public string Sign(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="text"/>, compared in constant time.</summary>
    public bool Verify(string text, string? signature)
    {
        if (signature is null || signature.Length != 64)
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
    }
}

using System.Security.Cryptography;
using System.Text;
using OrleansGateway.Edge.Security.Secrets;

namespace OrleansGateway.Edge.ApiKeys;

/// <summary>
/// Encrypts API key values (<see cref="SecretBox"/>, the key id as associated data so a stored
/// ciphertext cannot be moved to another key) so <c>includeValue</c> can show them while storage
/// only ever holds ciphertext. Its subkey is distinct from the lookup hash's.
/// </summary>
public sealed class ApiKeyValueCipher
{
    private readonly SecretBox _box;

    /// <summary>Creates the cipher from the gateway's API key secret (at least 32 bytes).</summary>
    public ApiKeyValueCipher(byte[] secret) => _box = new SecretBox(secret, "og api key value encryption"u8);

    /// <summary>nonce ‖ tag ‖ ciphertext of <paramref name="value"/>, bound to <paramref name="keyId"/>.</summary>
    public byte[] Encrypt(string keyId, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        try
        {
            return _box.Seal(plain, Encoding.UTF8.GetBytes(keyId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The value, or null if the ciphertext does not verify (another secret, or tampering).</summary>
    public string? Decrypt(string keyId, byte[] encrypted) =>
        _box.Open(encrypted, Encoding.UTF8.GetBytes(keyId)) is { } plain ? Encoding.UTF8.GetString(plain) : null;
}

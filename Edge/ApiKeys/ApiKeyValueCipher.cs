using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Edge.ApiKeys;

/// <summary>
/// Encrypts API key values (AES-256-GCM, random nonce, the key id as associated data so a stored
/// ciphertext cannot be moved to another key) so <c>includeValue</c> can show them while storage
/// only ever holds ciphertext. The key is an HKDF subkey of the gateway secret, distinct from the
/// lookup hash's subkey.
/// </summary>
public sealed class ApiKeyValueCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <summary>Creates the cipher from the gateway's API key secret (at least 32 bytes).</summary>
    public ApiKeyValueCipher(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The API key secret must be at least 32 bytes.", nameof(secret));
        }
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "og api key value encryption"u8.ToArray());
    }

    /// <summary>nonce ‖ tag ‖ ciphertext of <paramref name="value"/>, bound to <paramref name="keyId"/>.</summary>
    public byte[] Encrypt(string keyId, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(keyId));
        CryptographicOperations.ZeroMemory(plain);
        return output;
    }

    /// <summary>The value, or null if the ciphertext does not verify (another secret, or tampering).</summary>
    public string? Decrypt(string keyId, byte[] encrypted)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        if (encrypted.Length < NonceSize + TagSize)
        {
            return null;
        }
        var plain = new byte[encrypted.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(encrypted.AsSpan(0, NonceSize), encrypted.AsSpan(NonceSize + TagSize), encrypted.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(keyId));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}

using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;

/// <summary>
/// Encrypts client certificates' private keys at rest with the scheme of
/// <see cref="ApiKeys.ApiKeyValueCipher"/>: AES-256-GCM, a random 96-bit nonce, the certificate id
/// as associated data (a stored key cannot be moved to another certificate), under an HKDF subkey
/// of the gateway secret <c>Gateway:ApiKeys:Secret</c> with its own label, so neither cipher's
/// output can be read as the other's.
/// </summary>
public sealed class ClientCertificateKeyCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <summary>Creates the cipher from the gateway secret (at least 32 bytes).</summary>
    public ClientCertificateKeyCipher(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The gateway secret must be at least 32 bytes.", nameof(secret));
        }
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "og client certificate private key encryption"u8.ToArray());
    }

    /// <summary>nonce ‖ tag ‖ ciphertext of the PKCS#8 key, bound to <paramref name="certificateId"/>.</summary>
    public byte[] Encrypt(string certificateId, ReadOnlySpan<byte> pkcs8PrivateKey)
    {
        var output = new byte[NonceSize + TagSize + pkcs8PrivateKey.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, pkcs8PrivateKey, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(certificateId));
        return output;
    }

    /// <summary>The PKCS#8 key (the caller zeroes it after use), or null if the ciphertext does not verify (another secret, or tampering).</summary>
    public byte[]? Decrypt(string certificateId, byte[] encrypted)
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
            aes.Decrypt(encrypted.AsSpan(0, NonceSize), encrypted.AsSpan(NonceSize + TagSize), encrypted.AsSpan(NonceSize, TagSize), plain, AssociatedData(certificateId));
            return plain;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] AssociatedData(string certificateId) => Encoding.UTF8.GetBytes("clientcertificate/" + certificateId);
}

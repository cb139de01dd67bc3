using System.Text;
using OrleansGateway.Edge.Security.Secrets;

namespace OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;

/// <summary>
/// Encrypts client certificates' private keys at rest (<see cref="SecretBox"/> under the gateway
/// secret <c>Gateway:ApiKeys:Secret</c> with its own label, so neither this nor the API key
/// cipher's output can be read as the other's), with the certificate id as associated data: a
/// stored key cannot be moved to another certificate.
/// </summary>
public sealed class ClientCertificateKeyCipher
{
    private readonly SecretBox _box;

    /// <summary>Creates the cipher from the gateway secret (at least 32 bytes).</summary>
    public ClientCertificateKeyCipher(byte[] secret) => _box = new SecretBox(secret, "og client certificate private key encryption"u8);

    /// <summary>nonce ‖ tag ‖ ciphertext of the PKCS#8 key, bound to <paramref name="certificateId"/>.</summary>
    public byte[] Encrypt(string certificateId, ReadOnlySpan<byte> pkcs8PrivateKey) => _box.Seal(pkcs8PrivateKey, AssociatedData(certificateId));

    /// <summary>The PKCS#8 key (the caller zeroes it after use), or null if the ciphertext does not verify (another secret, or tampering).</summary>
    public byte[]? Decrypt(string certificateId, byte[] encrypted) => _box.Open(encrypted, AssociatedData(certificateId));

    private static byte[] AssociatedData(string certificateId) => Encoding.UTF8.GetBytes("clientcertificate/" + certificateId);
}

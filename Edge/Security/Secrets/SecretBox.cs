using System.Security.Cryptography;

namespace OrleansGateway.Edge.Security.Secrets;

/// <summary>
/// The one way the gateway encrypts secrets at rest: AES-256-GCM with a random 96-bit nonce under
/// an HKDF-SHA256 subkey of the gateway secret. Each use gets its own <c>label</c> (so one use's
/// ciphertext can never be read as another's) and binds each ciphertext to its owner through the
/// associated data (so a stored secret cannot be moved to another record). Output: nonce ‖ tag ‖
/// ciphertext.
/// </summary>
public sealed class SecretBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <summary>Derives the box's key from <paramref name="secret"/> (at least 32 bytes) and <paramref name="label"/>.</summary>
    public SecretBox(byte[] secret, ReadOnlySpan<byte> label)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The gateway secret must be at least 32 bytes.", nameof(secret));
        }
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: label.ToArray());
    }

    /// <summary>Encrypts <paramref name="plain"/>, bound to <paramref name="associatedData"/>.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plain, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), associatedData);
        return output;
    }

    /// <summary>The plaintext, or null when <paramref name="sealedBytes"/> does not verify (another secret, another owner, or tampering).</summary>
    public byte[]? Open(byte[] sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(sealedBytes);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return null;
        }
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, associatedData);
            return plain;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}

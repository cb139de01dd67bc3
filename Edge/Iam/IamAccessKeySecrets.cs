using System.Security.Cryptography;
using OrleansGateway.Edge.ApiKeys;

namespace OrleansGateway.Edge.Iam;

/// <summary>
/// Makes IAM access key ids and secrets, and seals secrets for storage with the gateway's AES-GCM
/// cipher (<see cref="ApiKeyValueCipher"/>, under <c>Gateway:ApiKeys:Secret</c>). The associated
/// data is <c>iam:{accessKeyId}</c>, so a sealed secret cannot pass for another key's, nor for an
/// API key value.
/// </summary>
public sealed class IamAccessKeySecrets(ApiKeyValueCipher cipher)
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>A new access key id: <c>AKIA</c> and 16 random characters, as AWS's long-term keys.</summary>
    public static string NewAccessKeyId() => "AKIA" + RandomNumberGenerator.GetString(IdAlphabet, 16);

    /// <summary>A new 40-character secret access key (240 random bits).</summary>
    public static string NewSecret() => RandomNumberGenerator.GetString(SecretAlphabet, 40);

    /// <summary>The secret sealed for storage.</summary>
    public byte[] Seal(string accessKeyId, string secret) => cipher.Encrypt(AssociatedData(accessKeyId), secret);

    /// <summary>The secret, or null when the sealed bytes do not verify (another gateway secret, or tampering).</summary>
    public string? Open(string accessKeyId, byte[] sealedSecret) => cipher.Decrypt(AssociatedData(accessKeyId), sealedSecret);

    private static string AssociatedData(string accessKeyId) => "iam:" + accessKeyId;
}

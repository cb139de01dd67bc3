using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;

namespace OrleansGateway.Tests.ClientCertificates;

/// <summary>The private key is stored only as AES-GCM ciphertext bound to its certificate id and the gateway secret.</summary>
public sealed class ClientCertificateKeySealingTests
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);
    private readonly ClientCertificateKeyCipher _cipher = new(Secret);

    [Fact]
    public void AGeneratedCertificateOpensWithAPrivateKeyMatchingItsPem()
    {
        var record = SelfSignedClientCertificate.Generate("abc123", null, new Dictionary<string, string>(), DateTimeOffset.UtcNow, _cipher);

        using var opened = SelfSignedClientCertificate.Open(record, _cipher);

        Assert.NotNull(opened);
        Assert.True(opened.HasPrivateKey);
        using var published = X509Certificate2.CreateFromPem(record.PemEncodedCertificate);
        Assert.Equal(published.Thumbprint, opened.Thumbprint);
        using var key = opened.GetRSAPrivateKey()!;
        var signature = key.SignData("hello"u8, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var publicKey = published.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData("hello"u8, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void TheStoredKeyIsNotThePkcs8Key()
    {
        var record = SelfSignedClientCertificate.Generate("abc123", null, new Dictionary<string, string>(), DateTimeOffset.UtcNow, _cipher);
        using var opened = SelfSignedClientCertificate.Open(record, _cipher)!;
        using var key = opened.GetRSAPrivateKey()!;
        var pkcs8 = key.ExportPkcs8PrivateKey();

        // 12-byte nonce and 16-byte tag in front of ciphertext as long as the key.
        Assert.Equal(pkcs8.Length + 28, record.EncryptedPrivateKey.Length);
        Assert.False(record.EncryptedPrivateKey.AsSpan().IndexOf(pkcs8.AsSpan(0, 64)) >= 0);
    }

    [Fact]
    public void AnotherGatewaySecretCannotOpenTheKey()
    {
        var record = SelfSignedClientCertificate.Generate("abc123", null, new Dictionary<string, string>(), DateTimeOffset.UtcNow, _cipher);

        Assert.Null(SelfSignedClientCertificate.Open(record, new ClientCertificateKeyCipher(RandomNumberGenerator.GetBytes(32))));
    }

    [Fact]
    public void AKeyMovedToAnotherCertificateIdDoesNotOpen()
    {
        var record = SelfSignedClientCertificate.Generate("abc123", null, new Dictionary<string, string>(), DateTimeOffset.UtcNow, _cipher);

        Assert.Null(SelfSignedClientCertificate.Open(record with { Id = "xyz789" }, _cipher));
    }

    [Fact]
    public void ATamperedKeyDoesNotOpen()
    {
        var record = SelfSignedClientCertificate.Generate("abc123", null, new Dictionary<string, string>(), DateTimeOffset.UtcNow, _cipher);
        var tampered = (byte[])record.EncryptedPrivateKey.Clone();
        tampered[^1] ^= 1;

        Assert.Null(SelfSignedClientCertificate.Open(record with { EncryptedPrivateKey = tampered }, _cipher));
        Assert.Null(SelfSignedClientCertificate.Open(record with { EncryptedPrivateKey = new byte[10] }, _cipher));
    }

    [Fact]
    public void TheApiKeyCipherCannotReadAClientCertificateKey()
    {
        // Same secret, same id: the two ciphers derive different subkeys, so ciphertexts do not cross over.
        var record = SelfSignedClientCertificate.Generate("abc123", null, new Dictionary<string, string>(), DateTimeOffset.UtcNow, _cipher);

        Assert.Null(new OrleansGateway.Edge.ApiKeys.ApiKeyValueCipher(Secret).Decrypt("clientcertificate/abc123", record.EncryptedPrivateKey));
    }
}

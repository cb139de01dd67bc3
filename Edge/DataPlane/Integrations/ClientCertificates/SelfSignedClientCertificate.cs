using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansGateway.Grains.Interfaces.ClientCertificates;

namespace OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;

/// <summary>
/// Makes what GenerateClientCertificate returns, as API Gateway does: an RSA 2048 key pair and a
/// self-signed X.509 certificate valid for 365 days, for TLS client authentication. Backends pin or
/// trust the returned PEM; the private key leaves this method only encrypted.
/// </summary>
internal static class SelfSignedClientCertificate
{
    /// <summary>How long a generated certificate is valid.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    private const int KeySize = 2048;
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A new certificate record with the key sealed by <paramref name="cipher"/>.</summary>
    public static ClientCertificateRecord Generate(
        string certificateId, string? description, IReadOnlyDictionary<string, string> tags, DateTimeOffset now, ClientCertificateKeyCipher cipher)
    {
        using var key = RSA.Create(KeySize);
        var request = new CertificateRequest($"CN=ApiGateway client certificate {certificateId}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // Whole seconds: the API reports dates in epoch seconds, and the certificate should say the same.
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var notAfter = notBefore + Validity;
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return new ClientCertificateRecord(
                certificateId, description, certificate.ExportCertificatePem(), cipher.Encrypt(certificateId, pkcs8), notBefore, notAfter, tags);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>The certificate with its key, ready for <see cref="System.Net.Security.SslStream"/>; null if the key does not decrypt.</summary>
    public static X509Certificate2? Open(ClientCertificateRecord record, ClientCertificateKeyCipher cipher)
    {
        var pkcs8 = cipher.Decrypt(record.Id, record.EncryptedPrivateKey);
        if (pkcs8 is null)
        {
            return null;
        }
        try
        {
            using var key = RSA.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            using var publicOnly = X509Certificate2.CreateFromPem(record.PemEncodedCertificate);
            using var withKey = publicOnly.CopyWithPrivateKey(key);
            // Through PKCS#12 so SslStream gets a key it can use on every platform (an ephemeral key fails on Windows).
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}

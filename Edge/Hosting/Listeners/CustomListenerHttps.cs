using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using OrleansGateway.Edge.Security.Tls;

namespace OrleansGateway.Edge.Hosting.Listeners;

/// <summary>
/// Turns a named listener's settings into Kestrel HTTPS options: server certificate (PEM or PFX),
/// minimum TLS version, and for mutual TLS a required client certificate checked by
/// <see cref="ClientCertificateValidator"/>. Every file is read at start so a mistake stops the
/// edge with a message rather than failing handshakes later.
/// </summary>
internal static class CustomListenerHttps
{
    /// <summary>The HTTPS options of listener <paramref name="name"/>; null when it is plain HTTP.</summary>
    public static HttpsConnectionAdapterOptions? Create(string name, CustomDataPlaneListenerOptions listener, IServiceProvider services)
    {
        var key = $"{DataPlaneListenerOptions.Section}:Listeners:{name}";
        var certificate = LoadServerCertificate(listener, key);
        var mutual = listener.ClientCertificate.Mode == ClientCertificateRequirement.Require;
        if (certificate is null)
        {
            return mutual
                ? throw new InvalidOperationException($"{key}: ClientCertificate:Mode=Require needs a server certificate (CertificatePath or PfxPath).")
                : null;
        }

        var https = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            SslProtocols = MinimumTlsVersion.Parse(listener.MinimumTlsVersion, $"{key}:MinimumTlsVersion"),
            // Revocation is checked against the configured CRL only, never fetched from the network.
            CheckCertificateRevocation = false,
        };
        if (!mutual)
        {
            return https;
        }

        var trustPath = listener.ClientCertificate.TrustStorePath;
        if (string.IsNullOrEmpty(trustPath))
        {
            throw new InvalidOperationException($"{key}:ClientCertificate:TrustStorePath is required when ClientCertificate:Mode=Require.");
        }
        var trustStore = new X509Certificate2Collection();
        trustStore.ImportFromPemFile(trustPath);
        if (trustStore.Count == 0)
        {
            throw new InvalidOperationException($"{key}:ClientCertificate:TrustStorePath '{trustPath}' holds no PEM certificate.");
        }
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var revocations = string.IsNullOrEmpty(listener.ClientCertificate.CrlPath)
            ? null
            : new CertificateRevocationListFile(listener.ClientCertificate.CrlPath, trustStore, loggers.CreateLogger<CertificateRevocationListFile>());
        var validator = new ClientCertificateValidator(
            name, trustStore, revocations, services.GetService<TimeProvider>() ?? TimeProvider.System, loggers.CreateLogger<ClientCertificateValidator>());
        https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = validator.Validate;
        return https;
    }

    private static X509Certificate2? LoadServerCertificate(CustomDataPlaneListenerOptions listener, string key)
    {
        if (!string.IsNullOrEmpty(listener.PfxPath))
        {
            return string.IsNullOrEmpty(listener.CertificatePath)
                ? X509CertificateLoader.LoadPkcs12FromFile(listener.PfxPath, listener.PfxPassword)
                : throw new InvalidOperationException($"{key}: set CertificatePath (PEM) or PfxPath, not both.");
        }
        if (string.IsNullOrEmpty(listener.CertificatePath))
        {
            return null;
        }
        var certificate = X509Certificate2.CreateFromPemFile(listener.CertificatePath, string.IsNullOrEmpty(listener.KeyPath) ? null : listener.KeyPath);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{key}: no private key for {listener.CertificatePath} (set KeyPath).");
    }
}

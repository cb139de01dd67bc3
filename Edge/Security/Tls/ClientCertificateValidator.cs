using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OrleansGateway.Edge.Security.Tls;

/// <summary>
/// Decides, during the TLS handshake, whether a mutual-TLS listener accepts a client certificate:
/// it must chain to the listener's trust store alone (never the system roots), be within its
/// validity period, and not be listed in a configured CRL. Anything else refuses the handshake.
/// </summary>
internal sealed partial class ClientCertificateValidator
{
    private readonly string _listener;
    private readonly X509Certificate2Collection _roots = [];
    private readonly X509Certificate2Collection _intermediates = [];
    private readonly CertificateRevocationListFile? _revocations;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ClientCertificateValidator(
        string listener,
        X509Certificate2Collection trustStore,
        CertificateRevocationListFile? revocations,
        TimeProvider time,
        ILogger logger)
    {
        _listener = listener;
        foreach (var certificate in trustStore)
        {
            // Self-signed certificates are the anchors; the rest only help build the chain.
            (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) ? _roots : _intermediates).Add(certificate);
        }
        if (_roots.Count == 0)
        {
            throw new InvalidOperationException($"Listener '{listener}': the trust store holds no root (self-signed) CA certificate.");
        }
        _revocations = revocations;
        _time = time;
        _logger = logger;
    }

    /// <summary>Kestrel's <c>ClientCertificateValidation</c>: the platform's own chain errors are ignored and the chain rebuilt against the trust store.</summary>
    public bool Validate(X509Certificate2? certificate, X509Chain? presented, SslPolicyErrors platformErrors)
    {
        _ = platformErrors;
        if (certificate is null)
        {
            Log.Refused(_logger, _listener, "(none)", "no client certificate");
            return false;
        }
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_roots);
        policy.ExtraStore.AddRange(_intermediates);
        if (presented is not null)
        {
            // Intermediates the client sent with its certificate.
            policy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        if (!chain.Build(certificate))
        {
            Log.Refused(_logger, _listener, certificate.Subject, Describe(chain));
            return false;
        }
        if (_revocations is not null)
        {
            // Every certificate below the anchor: a revoked intermediate revokes its leaves.
            for (var i = 0; i < chain.ChainElements.Count - 1; i++)
            {
                if (_revocations.IsRevoked(chain.ChainElements[i].Certificate))
                {
                    Log.Refused(_logger, _listener, certificate.Subject, $"revoked: {chain.ChainElements[i].Certificate.Subject}");
                    return false;
                }
            }
        }
        return true;
    }

    private static string Describe(X509Chain chain) =>
        chain.ChainStatus.Length == 0
            ? "chain not built"
            : string.Join("; ", chain.ChainStatus.Select(status => status.Status.ToString()).Distinct());

    private static partial class Log
    {
        [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Listener {Listener} refused the client certificate {Subject}: {Reason}")]
        public static partial void Refused(ILogger logger, string listener, string subject, string reason);
    }
}

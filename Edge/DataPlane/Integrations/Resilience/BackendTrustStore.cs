using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// Verifies backend TLS certificates: the system's verdict first; a certificate that only fails
/// because its chain ends at an unknown root is accepted when it chains to a CA of
/// <c>Gateway:Backends:TrustStorePath</c>. A name mismatch or a missing certificate never passes.
/// </summary>
internal sealed class BackendTrustStore
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2Collection _roots = [];

    public BackendTrustStore(IOptions<BackendResilienceOptions> options)
    {
        if (options.Value.TrustStorePath is { Length: > 0 } path)
        {
            _roots.ImportFromPemFile(path);
            if (_roots.Count == 0)
            {
                throw new InvalidOperationException($"{BackendResilienceOptions.Section}:TrustStorePath holds no PEM certificate.");
            }
        }
    }

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf || _roots.Count == 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        // Internal CAs rarely publish revocation lists; the bundle is the operator's statement of trust.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return chain.Build(leaf);
    }
}

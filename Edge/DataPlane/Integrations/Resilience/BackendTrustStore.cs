using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// Verifies backend TLS certificates: the system's verdict first; a certificate that only fails
/// because its chain ends at an unknown root is accepted when it chains to a CA of
/// <c>Gateway:Backends:TrustStorePath</c> or of the integration's named trust store. A name
/// mismatch or a missing certificate never passes.
/// </summary>
internal sealed class BackendTrustStore
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2Collection _global;
    private readonly Dictionary<string, X509Certificate2Collection> _named = new(StringComparer.Ordinal);

    public BackendTrustStore(IOptions<BackendResilienceOptions> options)
    {
        _global = Load(options.Value.TrustStorePath, "TrustStorePath");
        foreach (var (name, path) in options.Value.TrustStores)
        {
            _named[name] = [.. _global, .. Load(path, "TrustStores:" + name)];
        }
    }

    /// <summary>Whether <paramref name="name"/> is a configured trust store.</summary>
    public bool Has(string name) => _named.ContainsKey(name);

    /// <summary>The validation callback for backends of integrations using <paramref name="name"/> (null: the global bundle only).</summary>
    public RemoteCertificateValidationCallback CallbackFor(string? name)
    {
        var roots = name is not null && _named.TryGetValue(name, out var named) ? named : _global;
        return (_, certificate, presented, errors) => Validate(roots, certificate, presented, errors);
    }

    private static X509Certificate2Collection Load(string? path, string setting)
    {
        var roots = new X509Certificate2Collection();
        if (path is { Length: > 0 })
        {
            roots.ImportFromPemFile(path);
            if (roots.Count == 0)
            {
                throw new InvalidOperationException($"{BackendResilienceOptions.Section}:{setting} holds no PEM certificate.");
            }
        }
        return roots;
    }

    private static bool Validate(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf || roots.Count == 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
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

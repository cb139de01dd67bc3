using OrleansGateway.Grains.Interfaces.ClientCertificates;

namespace OrleansGateway.Grains.ClientCertificates;

/// <summary>The persisted state of the client certificate directory.</summary>
[GenerateSerializer, Alias("og.ClientCertificateDirectoryState")]
public sealed class ClientCertificateDirectoryState
{
    /// <summary>Certificates by id; private keys only as the edge's ciphertext.</summary>
    [Id(0)] public Dictionary<string, ClientCertificateRecord> Certificates { get; set; } = new(StringComparer.Ordinal);
}

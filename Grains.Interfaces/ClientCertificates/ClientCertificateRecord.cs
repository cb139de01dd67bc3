namespace OrleansGateway.Grains.Interfaces.ClientCertificates;

/// <summary>
/// A client certificate as API Gateway's <c>ClientCertificate</c>, plus its private key encrypted
/// by the edge that generated it (the cluster never holds the key in clear). Immutable apart from
/// the description: API Gateway has no way to re-key a certificate, a new one is generated instead.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ClientCertificateRecord")]
public sealed record ClientCertificateRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Description,
    [property: Id(2)] string PemEncodedCertificate,
    [property: Id(3)] byte[] EncryptedPrivateKey,
    [property: Id(4)] DateTimeOffset CreatedDate,
    [property: Id(5)] DateTimeOffset ExpirationDate,
    [property: Id(6)] IReadOnlyDictionary<string, string> Tags);

using OrleansGateway.Grains.Interfaces.ClientCertificates;

namespace OrleansGateway.Edge.Management.ClientCertificates;

/// <summary>API Gateway's <c>ClientCertificate</c>: the certificate, never its private key.</summary>
internal sealed record ClientCertificateResponse(
    string ClientCertificateId,
    string? Description,
    string PemEncodedCertificate,
    long CreatedDate,
    long ExpirationDate,
    IReadOnlyDictionary<string, string>? Tags)
{
    /// <summary>Maps a stored certificate, leaving its encrypted key behind.</summary>
    public static ClientCertificateResponse From(ClientCertificateRecord record) => new(
        record.Id,
        record.Description,
        record.PemEncodedCertificate,
        record.CreatedDate.ToUnixTimeSeconds(),
        record.ExpirationDate.ToUnixTimeSeconds(),
        record.Tags.Count > 0 ? record.Tags : null);
}

/// <summary>GenerateClientCertificate's body.</summary>
internal sealed record GenerateClientCertificateBody(string? Description, IReadOnlyDictionary<string, string>? Tags);

using System.Net;
using Microsoft.IdentityModel.Protocols;

namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>
/// Fetches discovery documents and JWKS for <see cref="IssuerMetadata"/>: HTTPS only (plain HTTP
/// only to a loopback host, for local identity providers), with a per-fetch timeout and a size cap,
/// so a slow or hostile issuer costs at most one bounded fetch per refresh.
/// </summary>
internal sealed class OidcDocumentRetriever : IDocumentRetriever
{
    private readonly HttpClient _client;

    public OidcDocumentRetriever(HttpClient client) => _client = client;

    /// <summary>True for <c>https://</c> URLs and for <c>http://</c> to a loopback host.</summary>
    public static bool IsAllowed(Uri address) =>
        address.Scheme == Uri.UriSchemeHttps
        || (address.Scheme == Uri.UriSchemeHttp && (address.IsLoopback || IPAddress.TryParse(address.Host, out var ip) && IPAddress.IsLoopback(ip)));

    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || !IsAllowed(uri))
        {
            throw new IOException($"'{address}' is not an https URL (plain http is allowed to loopback hosts only)");
        }
        try
        {
            // HttpClient.Timeout and MaxResponseContentBufferSize bound the time and the bytes.
            return await _client.GetStringAsync(uri, cancel);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new IOException($"fetching {address} failed: {e.Message}", e);
        }
    }
}

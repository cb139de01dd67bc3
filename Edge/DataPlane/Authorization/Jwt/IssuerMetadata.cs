using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>
/// One <see cref="ConfigurationManager{T}"/> per issuer: discovery at
/// <c>{issuer}/.well-known/openid-configuration</c>, then its <c>jwks_uri</c>, cached and refreshed
/// by the library (on an unknown <c>kid</c> at most once per <see cref="JwtAuthorizerOptions.RefreshInterval"/>).
/// </summary>
internal sealed class IssuerMetadata : IDisposable
{
    // Issuers come from deployed definitions (operator input), so this only guards against runaway growth.
    private const int MaxIssuers = 1024;

    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);
    private readonly HttpClient _client;
    private readonly OidcDocumentRetriever _retriever;
    private readonly JwtAuthorizerOptions _options;

    public IssuerMetadata(IOptions<JwtAuthorizerOptions> options)
    {
        _options = options.Value;
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = _options.MetadataTimeout,
            MaxResponseContentBufferSize = _options.MaxMetadataBytes,
        };
        _retriever = new OidcDocumentRetriever(_client);
    }

    /// <summary>The configuration manager for <paramref name="issuer"/>; null when the issuer URL is not allowed.</summary>
    public ConfigurationManager<OpenIdConnectConfiguration>? For(string issuer)
    {
        if (_managers.TryGetValue(issuer, out var existing))
        {
            return existing;
        }
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || !OidcDocumentRetriever.IsAllowed(uri) || _managers.Count >= MaxIssuers)
        {
            return null;
        }
        return _managers.GetOrAdd(issuer, static (key, self) => self.Create(key), this);
    }

    private ConfigurationManager<OpenIdConnectConfiguration> Create(string issuer) =>
        new(issuer.TrimEnd('/') + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), _retriever)
        {
            RefreshInterval = _options.RefreshInterval,
            AutomaticRefreshInterval = _options.AutomaticRefreshInterval,
        };

    public void Dispose() => _client.Dispose();
}

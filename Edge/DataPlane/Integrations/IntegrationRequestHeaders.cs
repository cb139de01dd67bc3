using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// The header hygiene of HTTP and HTTP_PROXY integrations: the caller's credentials for the gateway
/// stay at the gateway, and <c>integration.request.header.*</c> mappings decide their headers alone;
/// then the HTTP API style header operations (<c>append:</c>, <c>overwrite:</c>, <c>remove:</c>) apply.
/// </summary>
internal static class IntegrationRequestHeaders
{
    public static void Apply(HttpContext context, ExecuteApiRequest request, CompiledIntegration integration, HttpRequestMessage proxyRequest)
    {
        Security.Tls.ClientCertificateHeaders.Apply(context, proxyRequest);
        Observability.Tracing.TraceContextHeaders.Apply(proxyRequest);
        foreach (var mapping in integration.HeaderMappings)
        {
            // A mapped header replaces the caller's header of the same name, and is removed even
            // when its source is empty: a caller must never supply a header the gateway sets
            // (an authorizer's principal or claims, for example) by leaving the source out.
            Remove(proxyRequest, mapping.Name);
            var values = mapping.Source.Read(context, request);
            if (values.Count == 0)
            {
                continue;
            }
            if (!proxyRequest.Headers.TryAddWithoutValidation(mapping.Name, (IEnumerable<string?>)values) && proxyRequest.Content is not null)
            {
                proxyRequest.Content.Headers.TryAddWithoutValidation(mapping.Name, (IEnumerable<string?>)values);
            }
        }
        integration.RequestMappings.ApplyHeaders(context, request, proxyRequest);
        foreach (var name in GatewayCredentialHeaders)
        {
            if (!IsMapped(integration, name) && !integration.RequestMappings.SetsHeader(name))
            {
                proxyRequest.Headers.Remove(name);
            }
        }
    }

    /// <summary>
    /// Headers that carry the caller's credentials for the gateway itself (a token or SigV4
    /// signature, an API key). They are not forwarded; a mapping such as
    /// <c>integration.request.header.Authorization = method.request.header.Authorization</c> forwards them explicitly.
    /// </summary>
    public static IReadOnlyList<string> GatewayCredentialHeaders { get; } = ["Authorization", "x-api-key"];

    private static bool IsMapped(CompiledIntegration integration, string name)
    {
        // A plain loop: this runs per request and the mapping list is short.
        foreach (var mapping in integration.HeaderMappings)
        {
            if (string.Equals(mapping.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static void Remove(HttpRequestMessage proxyRequest, string name)
    {
        proxyRequest.Headers.Remove(name);
        proxyRequest.Content?.Headers.Remove(name);
    }
}

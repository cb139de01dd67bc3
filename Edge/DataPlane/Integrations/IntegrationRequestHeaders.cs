using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>Applies <c>integration.request.header.*</c> mappings to an outgoing request.</summary>
internal static class IntegrationRequestHeaders
{
    public static void Apply(HttpContext context, ExecuteApiRequest request, CompiledIntegration integration, HttpRequestMessage proxyRequest)
    {
        Security.Tls.ClientCertificateHeaders.Apply(context, proxyRequest);
        foreach (var mapping in integration.HeaderMappings)
        {
            var values = mapping.Source.Read(context, request);
            if (values.Count == 0)
            {
                continue;
            }
            // A mapped header replaces the caller's header of the same name.
            proxyRequest.Headers.Remove(mapping.Name);
            if (!proxyRequest.Headers.TryAddWithoutValidation(mapping.Name, (IEnumerable<string?>)values) && proxyRequest.Content is not null)
            {
                proxyRequest.Content.Headers.Remove(mapping.Name);
                proxyRequest.Content.Headers.TryAddWithoutValidation(mapping.Name, (IEnumerable<string?>)values);
            }
        }
    }
}

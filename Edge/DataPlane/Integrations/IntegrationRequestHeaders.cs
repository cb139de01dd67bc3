using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>Applies <c>integration.request.header.*</c> mappings to an outgoing request.</summary>
internal static class IntegrationRequestHeaders
{
    public static void Apply(HttpContext context, ExecuteApiRequest request, CompiledIntegration integration, HttpRequestMessage proxyRequest)
    {
        if (string.Equals(request.Method?.Definition.AuthorizationType, "AWS_IAM", StringComparison.Ordinal))
        {
            // API Gateway never passes the caller's SigV4 signature on (reference §3.5); a mapping may still set the header.
            proxyRequest.Headers.Remove("Authorization");
        }
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

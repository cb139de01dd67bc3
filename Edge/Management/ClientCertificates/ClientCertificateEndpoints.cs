namespace OrleansGateway.Edge.Management.ClientCertificates;

/// <summary>Maps the client certificate operations (<c>/clientcertificates</c>).</summary>
internal static class ClientCertificateEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        GenerateClientCertificateEndpoint.Map(routes);
        GetClientCertificatesEndpoint.Map(routes);
        GetClientCertificateEndpoint.Map(routes);
        UpdateClientCertificateEndpoint.Map(routes);
        DeleteClientCertificateEndpoint.Map(routes);
    }
}

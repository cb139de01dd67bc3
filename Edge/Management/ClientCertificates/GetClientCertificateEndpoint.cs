using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Grains.Interfaces.ClientCertificates;

namespace OrleansGateway.Edge.Management.ClientCertificates;

/// <summary>GetClientCertificate: <c>GET /clientcertificates/{clientcertificate_id}</c> → ClientCertificate; 404 if unknown.</summary>
internal static class GetClientCertificateEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/clientcertificates/{clientCertificateId}", Handle);

    private static async Task<IResult> Handle(string clientCertificateId, [FromServices] IGrainFactory grains)
    {
        var record = await grains.GetGrain<IClientCertificateDirectoryGrain>(IClientCertificateDirectoryGrain.Key)
            .Get(ClientCertificateInput.CertificateId(clientCertificateId));
        return TypedResults.Json(ClientCertificateResponse.From(record), ClientCertificatesJson.Default.ClientCertificateResponse, "application/json");
    }
}

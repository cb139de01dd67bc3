using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Grains.Interfaces.ClientCertificates;

namespace OrleansGateway.Edge.Management.ClientCertificates;

/// <summary>
/// DeleteClientCertificate: <c>DELETE /clientcertificates/{clientcertificate_id}</c> → 202. Every
/// edge drops the certificate when the push arrives; stages still naming it answer 500.
/// </summary>
internal static class DeleteClientCertificateEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapDelete("/clientcertificates/{clientCertificateId}", Handle);

    private static async Task<IResult> Handle(string clientCertificateId, [FromServices] IGrainFactory grains)
    {
        await grains.GetGrain<IClientCertificateDirectoryGrain>(IClientCertificateDirectoryGrain.Key)
            .Delete(ClientCertificateInput.CertificateId(clientCertificateId));
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}

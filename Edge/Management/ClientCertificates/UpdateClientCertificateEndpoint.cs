using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.ClientCertificates;

namespace OrleansGateway.Edge.Management.ClientCertificates;

/// <summary>UpdateClientCertificate: <c>PATCH /clientcertificates/{clientcertificate_id}</c> (<c>/description</c>) → ClientCertificate.</summary>
internal static class UpdateClientCertificateEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPatch("/clientcertificates/{clientCertificateId}", Handle);

    private static async Task<IResult> Handle(string clientCertificateId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ClientCertificateInput.CertificateId(clientCertificateId);
        var body = await RequestBodies.ReadJsonAsync(request, ClientCertificatesJson.Default.PatchOperationsBody, cancellationToken);
        var record = await grains.GetGrain<IClientCertificateDirectoryGrain>(IClientCertificateDirectoryGrain.Key)
            .Update(id, PatchOperationsBody.ToOperations(body));
        return TypedResults.Json(ClientCertificateResponse.From(record), ClientCertificatesJson.Default.ClientCertificateResponse, "application/json");
    }
}

using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.ClientCertificates;

namespace OrleansGateway.Edge.Management.ClientCertificates;

/// <summary>
/// GetClientCertificates: <c>GET /clientcertificates?position=&amp;limit=</c> →
/// <c>{"item": [ClientCertificate], "position": ...}</c>, in id order; a position survives the
/// deletion of the certificate it points after.
/// </summary>
internal static class GetClientCertificatesEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/clientcertificates", Handle);

    private static async Task<IResult> Handle(HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var pageRequest = PageRequest.From(request);
        var all = await grains.GetGrain<IClientCertificateDirectoryGrain>(IClientCertificateDirectoryGrain.Key).List();
        var page = Paging.Take(all, record => record.Id, pageRequest, StringComparer.Ordinal);
        var items = page.Items.Select(ClientCertificateResponse.From).ToList();
        return TypedResults.Json(new ItemsResponse<ClientCertificateResponse>(items, page.Position),
            ClientCertificatesJson.Default.ItemsResponseClientCertificateResponse, "application/json");
    }
}

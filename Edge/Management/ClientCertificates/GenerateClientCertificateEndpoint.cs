using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.Stages;
using OrleansGateway.Grains.Interfaces.ClientCertificates;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.ClientCertificates;

/// <summary>
/// GenerateClientCertificate: <c>POST /clientcertificates</c> <c>{description, tags}</c> → 201
/// ClientCertificate. The key pair is made here, on the edge, and only its encrypted private key
/// goes to the cluster; 429 LimitExceededException beyond 60 certificates.
/// </summary>
internal static class GenerateClientCertificateEndpoint
{
    private const int IdLength = 6;

    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/clientcertificates", Handle);

    private static async Task<IResult> Handle(
        HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] ClientCertificateKeyCipher cipher,
        [FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await RequestBodies.ReadJsonAsync(request, ClientCertificatesJson.Default.GenerateClientCertificateBody, cancellationToken);
        var description = ManagementInput.Bounded(body?.Description, ClientCertificateInput.MaxDescriptionLength, "description");
        var tags = StageInput.Tags(body?.Tags) ?? new Dictionary<string, string>();
        var directory = grains.GetGrain<IClientCertificateDirectoryGrain>(IClientCertificateDirectoryGrain.Key);
        // Checked before the RSA key is made (tens of milliseconds of CPU); the grain checks again.
        if ((await directory.ListIds()).Count >= IClientCertificateDirectoryGrain.MaxCertificates)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded,
                $"Cannot exceed the limit of {IClientCertificateDirectoryGrain.MaxCertificates} client certificates");
        }
        var record = SelfSignedClientCertificate.Generate(IdGenerator.Next(IdLength), description, tags, clock.GetUtcNow(), cipher);
        var created = await directory.Create(record);
        return TypedResults.Json(ClientCertificateResponse.From(created), ClientCertificatesJson.Default.ClientCertificateResponse,
            "application/json", StatusCodes.Status201Created);
    }
}

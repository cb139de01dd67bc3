using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>
/// PutRestApi: <c>PUT /restapis/{restApiId}?mode=merge|overwrite</c> (merge by default) with the raw
/// OpenAPI as body → 200 RestApi. The document's settings (title, root extensions) are laid over
/// the API's current ones; what the document is silent about is kept.
/// </summary>
internal static class PutRestApiEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPut("/restapis/{restApiId}", Handle);

    private static async Task<IResult> Handle(
        string restApiId, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] OpenApiImporter importer, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(restApiId));
        var merge = request.Query["mode"].ToString() switch
        {
            "" or "merge" => true,
            "overwrite" => false,
            _ => throw ManagementException.BadRequest("Invalid mode specified. Valid modes are merge and overwrite"),
        };

        // 404 before reading and parsing up to 6 MB for an API that does not exist.
        await grain.Get();
        var result = await OpenApiImportInput.ImportAsync(importer, request, cancellationToken);
        var api = await grain.PutDefinition(result.Definition, merge, result.Settings, result.Warnings);
        return TypedResults.Json(RestApiResponse.From(api), ManagementJson.Default.RestApiResponse, "application/json");
    }
}

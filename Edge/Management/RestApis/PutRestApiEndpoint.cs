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
        var current = await grain.Get();
        var result = await OpenApiImportInput.ImportAsync(importer, request, cancellationToken);
        var api = await grain.PutDefinition(result.Definition, merge, Overlay(current, result, merge));
        return TypedResults.Json(RestApiResponse.From(api), ManagementJson.Default.RestApiResponse, "application/json");
    }

    private static RestApiInfo Overlay(RestApiInfo current, OpenApiImportResult result, bool merge)
    {
        var settings = result.Settings;
        return current with
        {
            Name = settings.Name ?? current.Name,
            Description = settings.Description ?? current.Description,
            Version = settings.Version ?? current.Version,
            BinaryMediaTypes = merge ? [.. current.BinaryMediaTypes.Union(settings.BinaryMediaTypes, StringComparer.Ordinal)] : settings.BinaryMediaTypes,
            MinimumCompressionSize = settings.MinimumCompressionSize ?? current.MinimumCompressionSize,
            ApiKeySource = settings.ApiKeySource ?? current.ApiKeySource,
            EndpointConfiguration = settings.EndpointConfiguration ?? current.EndpointConfiguration,
            Policy = settings.Policy ?? current.Policy,
            DisableExecuteApiEndpoint = settings.DisableExecuteApiEndpoint ?? current.DisableExecuteApiEndpoint,
            Warnings = result.Warnings,
        };
    }
}

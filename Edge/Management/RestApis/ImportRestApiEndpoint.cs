using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>
/// ImportRestApi: <c>POST /restapis?mode=import</c> with the raw OpenAPI (JSON or YAML) as body →
/// 201 RestApi with <c>warnings</c>. Parsing happens here, before any grain call, so a failed
/// import leaves nothing behind.
/// </summary>
internal static class ImportRestApiEndpoint
{
    /// <summary>The name given to an API whose document has no title.</summary>
    public const string DefaultName = "imported-api";

    public static async Task<IResult> Handle(
        HttpRequest request, IGrainFactory grains, OpenApiImporter importer, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Query["mode"] != "import")
        {
            throw ManagementException.BadRequest("Invalid mode specified. POST /restapis accepts only mode=import");
        }
        var result = await OpenApiImportInput.ImportAsync(importer, request, cancellationToken);
        var createdDate = time.GetUtcNow();
        var api = await RestApiCreation.CreateAsync(
            grains,
            id => result.Settings.ToNewApi(id, DefaultName, createdDate, result.Warnings,
                OpenApiImportInput.EndpointConfigurationFromQuery(request)),
            result.Definition);
        return TypedResults.Json(RestApiResponse.From(api), ManagementJson.Default.RestApiResponse, "application/json", StatusCodes.Status201Created);
    }
}

using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Exports;

/// <summary>
/// GetExport: <c>GET /restapis/{restApiId}/stages/{stageName}/exports/{oas30|swagger}?extensions=</c>
/// → the stage's deployed definition as a document, JSON unless <c>Accept</c> asks for YAML, with
/// <c>Content-Type</c> and <c>Content-Disposition</c>.
/// </summary>
internal static class GetExportEndpoint
{
    /// <summary>
    /// The host exported documents name as their server: the data plane routes
    /// <c>{apiId}.execute-api.*</c>, and API Gateway exports its own invoke host the same way.
    /// </summary>
    public const string InvokeHostSuffix = ".execute-api.localhost";

    private const int MaxExtensions = 8;
    private static readonly string[] ExportTypes = ["oas30", "swagger"];
    private static readonly string[] KnownExtensions = ["integrations", "apigateway", "authorizers", "postman"];

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/restapis/{restApiId}/stages/{stageName}/exports/{exportType}", Handle);

    private static async Task<IResult> Handle(
        string restApiId, string stageName, string exportType, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] OpenApiExporter exporter)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var name = ManagementInput.StageName(stageName);
        if (!ExportTypes.Contains(exportType, StringComparer.Ordinal))
        {
            throw ManagementException.BadRequest($"Invalid export type specified: {exportType}. Valid types are oas30 and swagger");
        }
        var extensions = Extensions(request);
        var yaml = request.Headers.Accept.Any(a => a is not null && a.Contains("yaml", StringComparison.OrdinalIgnoreCase));

        var grain = grains.GetGrain<IRestApiGrain>(id);
        var stage = await grain.GetStage(name);
        var deployment = await grain.GetStageDeployment(name);
        var document = exporter.Export(deployment, stage, exportType, yaml, extensions, id + InvokeHostSuffix);

        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{document.FileName}\"";
        return TypedResults.Text(document.Body, document.ContentType);
    }

    private static HashSet<string> Extensions(HttpRequest request)
    {
        var extensions = request.Query["extensions"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (extensions.Count > MaxExtensions || extensions.Any(e => !KnownExtensions.Contains(e, StringComparer.Ordinal)))
        {
            throw ManagementException.BadRequest("Invalid extensions specified. Valid values are integrations, apigateway, authorizers and postman");
        }
        return extensions;
    }
}

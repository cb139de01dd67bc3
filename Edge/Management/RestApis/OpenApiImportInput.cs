using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>What ImportRestApi and PutRestApi share: the bounded raw body, the query options and the importer call.</summary>
internal static class OpenApiImportInput
{
    private static readonly string[] BasePathModes = ["ignore", "prepend", "split"];
    private static readonly string[] EndpointTypes = ["EDGE", "REGIONAL", "PRIVATE"];

    /// <summary>Reads the document (at most 6 MB) and imports it; an unimportable document is 400 BadRequestException.</summary>
    public static async Task<OpenApiImportResult> ImportAsync(OpenApiImporter importer, HttpRequest request, CancellationToken cancellationToken)
    {
        var options = OptionsFrom(request);
        var document = await RequestBodies.ReadAsync(request, RequestBodies.MaxDocumentBytes, cancellationToken);
        try
        {
            return importer.Import(document, options);
        }
        catch (OpenApiImportException exception)
        {
            throw ManagementException.BadRequest(exception.Message);
        }
    }

    /// <summary><c>failonwarnings</c>, <c>basepath</c> and <c>endpointConfigurationTypes</c>, validated.</summary>
    public static OpenApiImportOptions OptionsFrom(HttpRequest request)
    {
        var failOnWarnings = false;
        if (request.Query.TryGetValue("failonwarnings", out var failText) && !string.IsNullOrEmpty(failText)
            && !bool.TryParse(failText, out failOnWarnings))
        {
            throw ManagementException.BadRequest("Invalid failonwarnings specified. Valid values are true and false");
        }
        var basePath = request.Query["basepath"].ToString();
        if (basePath.Length == 0)
        {
            basePath = "ignore";
        }
        else if (!BasePathModes.Contains(basePath, StringComparer.Ordinal))
        {
            throw ManagementException.BadRequest("Invalid basepath specified. Valid values are ignore, prepend and split");
        }
        var endpointType = request.Query["endpointConfigurationTypes"].ToString();
        if (endpointType.Length > 0 && !EndpointTypes.Contains(endpointType, StringComparer.Ordinal))
        {
            throw ManagementException.BadRequest("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE");
        }
        return new OpenApiImportOptions(failOnWarnings, basePath, endpointType.Length > 0 ? endpointType : null);
    }

    /// <summary>The endpoint configuration named by <c>?endpointConfigurationTypes=</c>, if any.</summary>
    public static EndpointConfiguration? EndpointConfigurationFromQuery(HttpRequest request) =>
        request.Query["endpointConfigurationTypes"].ToString() is { Length: > 0 } type
            ? EndpointConfiguration.Default with { Types = [type] }
            : null;
}

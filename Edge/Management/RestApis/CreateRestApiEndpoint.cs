using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>CreateRestApi: <c>POST /restapis</c> → 201 RestApi. The same route with <c>?mode=import</c> is ImportRestApi.</summary>
internal static class CreateRestApiEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/restapis", Handle);

    private static Task<IResult> Handle(
        HttpRequest request,
        [FromServices] IGrainFactory grains,
        [FromServices] OpenApiImporter importer,
        [FromServices] TimeProvider time,
        CancellationToken cancellationToken) =>
        request.Query.ContainsKey("mode")
            ? ImportRestApiEndpoint.Handle(request, grains, importer, time, cancellationToken)
            : Create(request, grains, time, cancellationToken);

    private static async Task<IResult> Create(HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await RequestBodies.ReadJsonAsync(request, ManagementJson.Default.CreateRestApiBody, cancellationToken);
        if (body?.Name is not { } name)
        {
            throw ManagementInput.Missing("createRestApiInput", "name");
        }
        if (name.Length is 0 or > RestApiSettingsInput.MaxNameLength)
        {
            throw ManagementException.BadRequest($"Invalid name specified: 1 to {RestApiSettingsInput.MaxNameLength} characters are allowed");
        }
        if (body.Description is { Length: 0 })
        {
            throw ManagementException.BadRequest("Description cannot be an empty string");
        }
        var description = ManagementInput.Bounded(body.Description, RestApiSettingsInput.MaxTextLength, "description");
        var version = ManagementInput.Bounded(body.Version, RestApiSettingsInput.MaxTextLength, "version");
        var binaryMediaTypes = RestApiSettingsInput.BinaryMediaTypes(body.BinaryMediaTypes);
        var minimumCompressionSize = RestApiSettingsInput.MinimumCompressionSize(body.MinimumCompressionSize);
        var apiKeySource = RestApiSettingsInput.ApiKeySource(body.ApiKeySource);
        var endpointConfiguration = RestApiSettingsInput.EndpointConfiguration(body.EndpointConfiguration);
        var policy = RestApiSettingsInput.Policy(body.Policy);
        var tags = RestApiSettingsInput.Tags(body.Tags);

        // cloneFrom copies the source API's resources; a missing source is the grain's 404.
        var definition = body.CloneFrom is { } cloneFrom
            ? await grains.GetGrain<IRestApiGrain>(ManagementInput.RestApiId(cloneFrom)).GetDefinition()
            : ApiDefinition.Empty;

        var createdDate = time.GetUtcNow();
        var api = await RestApiCreation.CreateAsync(
            grains,
            id => new RestApiInfo(
                id, name, description, version, createdDate, binaryMediaTypes, minimumCompressionSize, apiKeySource,
                endpointConfiguration, policy, tags, body.DisableExecuteApiEndpoint ?? false, []),
            definition);
        return TypedResults.Json(RestApiResponse.From(api), ManagementJson.Default.RestApiResponse, "application/json", StatusCodes.Status201Created);
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Models;

/// <summary>
/// GetModels and GetModel on <c>/restapis/{restApiId}/models</c>, read from the imported document's
/// <c>components.schemas</c>, which are the API's models.
/// </summary>
internal static class ModelEndpoints
{
    private const string Collection = "/restapis/{restApiId}/models";
    private const string Item = Collection + "/{modelName}";
    private const string JsonContentType = "application/json";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Collection, List);
        routes.MapGet(Item, Get);
    }

    private static async Task<IResult> List(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var page = PageRequest.From(request);
        var models = Models(await grains.GetGrain<IRestApiGrain>(id).GetDefinition());
        var taken = Paging.Take(models, m => m.Id, page, StringComparer.Ordinal);
        var response = new ItemsResponse<ModelResponse>([.. taken.Items], taken.Position);
        return TypedResults.Json(response, ModelsJson.Default.ItemsResponseModelResponse, JsonContentType);
    }

    private static async Task<IResult> Get(string restApiId, string modelName, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var model = Models(await grains.GetGrain<IRestApiGrain>(id).GetDefinition())
            .FirstOrDefault(m => string.Equals(m.Name, modelName, StringComparison.Ordinal))
            ?? throw ManagementException.NotFound("Invalid model name specified: " + modelName);
        return TypedResults.Json(model, ModelsJson.Default.ModelResponse, JsonContentType);
    }

    private static List<ModelResponse> Models(ApiDefinition definition)
    {
        var models = new List<ModelResponse>();
        if (definition.DocumentJson is not null && JsonNode.Parse(definition.DocumentJson)?["components"]?["schemas"] is JsonObject schemas)
        {
            foreach (var (name, schema) in schemas)
            {
                var description = schema?["description"] is JsonValue text && text.TryGetValue<string>(out var value) ? value : null;
                models.Add(new ModelResponse(name, name, description, schema?.ToJsonString() ?? "{}", JsonContentType));
            }
        }
        models.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return models;
    }
}

using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Edge.Management.Models;

/// <summary>
/// Create/Get/Update/DeleteModel(s) on <c>/restapis/{restApiId}/models</c>, kept in the API
/// document's <c>components.schemas</c>, which are the API's models. Schemas are checked to compile
/// as the data plane compiles them; changes are served from the next deployment, as in API Gateway.
/// </summary>
internal static class ModelEndpoints
{
    private const string Collection = "/restapis/{restApiId}/models";
    private const string Item = Collection + "/{modelName}";
    private const string JsonContentType = "application/json";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost(Collection, Create);
        routes.MapGet(Collection, List);
        routes.MapGet(Item, Get);
        routes.MapPatch(Item, Update);
        routes.MapDelete(Item, Delete);
    }

    private static async Task<IResult> Create(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var body = await RequestBodies.ReadJsonAsync(request, ModelsJson.Default.CreateModelBody, cancellationToken)
            ?? throw ManagementInput.Missing("createModelInput", "name");
        if (string.IsNullOrEmpty(body.Name))
        {
            throw ManagementInput.Missing("createModelInput", "name");
        }
        if (string.IsNullOrEmpty(body.ContentType))
        {
            throw ManagementInput.Missing("createModelInput", "contentType");
        }
        var model = ModelPatcher.Validate(new ModelDefinition(body.Name, body.Description, body.Schema ?? "{}", body.ContentType));
        var grain = grains.GetGrain<IRestApiGrain>(id);
        ModelSchemaCheck.Ensure(await grain.GetDefinition(), model.Name, model.Schema);
        var created = await grain.CreateModel(model);
        return TypedResults.Json(ModelResponse.From(created), ModelsJson.Default.ModelResponse, JsonContentType, StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var page = PageRequest.From(request);
        var models = DocumentModels.Read(await grains.GetGrain<IRestApiGrain>(id).GetDefinition());
        var taken = Paging.Take(models, m => m.Name, page, StringComparer.Ordinal);
        var response = new ItemsResponse<ModelResponse>([.. taken.Items.Select(ModelResponse.From)], taken.Position);
        return TypedResults.Json(response, ModelsJson.Default.ItemsResponseModelResponse, JsonContentType);
    }

    private static async Task<IResult> Get(string restApiId, string modelName, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var model = DocumentModels.Find(await grains.GetGrain<IRestApiGrain>(id).GetDefinition(), modelName)
            ?? throw ManagementException.NotFound("Invalid model name specified: " + modelName);
        return TypedResults.Json(ModelResponse.From(model), ModelsJson.Default.ModelResponse, JsonContentType);
    }

    private static async Task<IResult> Update(string restApiId, string modelName, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var body = await RequestBodies.ReadJsonAsync(request, ModelsJson.Default.PatchOperationsBody, cancellationToken);
        var operations = PatchOperationsBody.ToOperations(body);
        var grain = grains.GetGrain<IRestApiGrain>(id);
        var newSchema = operations.LastOrDefault(o => o.Path == "/schema" && o.Value is { Length: > 0 })?.Value;
        if (newSchema is not null && newSchema.Length <= ModelPatcher.MaxSchemaLength)
        {
            ModelSchemaCheck.Ensure(await grain.GetDefinition(), modelName, newSchema);
        }
        var updated = await grain.UpdateModel(modelName, operations);
        return TypedResults.Json(ModelResponse.From(updated), ModelsJson.Default.ModelResponse, JsonContentType);
    }

    private static async Task<IResult> Delete(string restApiId, string modelName, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        await grains.GetGrain<IRestApiGrain>(id).DeleteModel(modelName);
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}

using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Validators;

/// <summary>
/// Create/Get/Update/DeleteRequestValidator(s) on <c>/restapis/{restApiId}/requestvalidators</c>,
/// kept in the API's <c>x-amazon-apigateway-request-validators</c> (the one place validators live).
/// Changes are served from the next deployment, as in API Gateway.
/// </summary>
internal static class RequestValidatorEndpoints
{
    private const string Collection = "/restapis/{restApiId}/requestvalidators";
    private const string Item = Collection + "/{requestValidatorId}";
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
        var body = await RequestBodies.ReadJsonAsync(request, RequestValidatorsJson.Default.CreateRequestValidatorBody, cancellationToken)
            ?? throw ManagementInput.Missing("createRequestValidatorInput", "name");
        var created = await grains.GetGrain<IRestApiGrain>(id).CreateRequestValidator(new RequestValidatorDefinition(
            string.Empty, body.Name ?? string.Empty, body.ValidateRequestBody ?? false, body.ValidateRequestParameters ?? false));
        return TypedResults.Json(RequestValidatorResponse.From(created), RequestValidatorsJson.Default.RequestValidatorResponse, JsonContentType, StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var page = PageRequest.From(request);
        var validators = RequestValidatorExtension.Read(await grains.GetGrain<IRestApiGrain>(id).GetDefinition());
        var taken = Paging.Take(validators, v => v.Id, page, StringComparer.Ordinal);
        var response = new ItemsResponse<RequestValidatorResponse>([.. taken.Items.Select(RequestValidatorResponse.From)], taken.Position);
        return TypedResults.Json(response, RequestValidatorsJson.Default.ItemsResponseRequestValidatorResponse, JsonContentType);
    }

    private static async Task<IResult> Get(string restApiId, string requestValidatorId, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var validator = RequestValidatorExtension.Read(await grains.GetGrain<IRestApiGrain>(id).GetDefinition())
            .FirstOrDefault(v => string.Equals(v.Id, requestValidatorId, StringComparison.Ordinal))
            ?? throw ManagementException.NotFound("Invalid Request Validator identifier specified");
        return TypedResults.Json(RequestValidatorResponse.From(validator), RequestValidatorsJson.Default.RequestValidatorResponse, JsonContentType);
    }

    private static async Task<IResult> Update(string restApiId, string requestValidatorId, HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var body = await RequestBodies.ReadJsonAsync(request, RequestValidatorsJson.Default.PatchOperationsBody, cancellationToken);
        var updated = await grains.GetGrain<IRestApiGrain>(id).UpdateRequestValidator(requestValidatorId, PatchOperationsBody.ToOperations(body));
        return TypedResults.Json(RequestValidatorResponse.From(updated), RequestValidatorsJson.Default.RequestValidatorResponse, JsonContentType);
    }

    private static async Task<IResult> Delete(string restApiId, string requestValidatorId, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        await grains.GetGrain<IRestApiGrain>(id).DeleteRequestValidator(requestValidatorId);
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}

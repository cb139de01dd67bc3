using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.DataPlane.Validation;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Validators;

/// <summary>
/// GetRequestValidators and GetRequestValidator on <c>/restapis/{restApiId}/requestvalidators</c>,
/// read from the API's <c>x-amazon-apigateway-request-validators</c> (the one place validators live).
/// </summary>
internal static class RequestValidatorEndpoints
{
    private const string Collection = "/restapis/{restApiId}/requestvalidators";
    private const string Item = Collection + "/{requestValidatorId}";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Collection, List);
        routes.MapGet(Item, Get);
    }

    private static async Task<IResult> List(string restApiId, HttpRequest request, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var page = PageRequest.From(request);
        var validators = Validators(await grains.GetGrain<IRestApiGrain>(id).GetDefinition());
        var taken = Paging.Take(validators, v => v.Id, page, StringComparer.Ordinal);
        var response = new ItemsResponse<RequestValidatorResponse>([.. taken.Items], taken.Position);
        return TypedResults.Json(response, RequestValidatorsJson.Default.ItemsResponseRequestValidatorResponse, "application/json");
    }

    private static async Task<IResult> Get(string restApiId, string requestValidatorId, [FromServices] IGrainFactory grains)
    {
        var id = ManagementInput.RestApiId(restApiId);
        var validator = Validators(await grains.GetGrain<IRestApiGrain>(id).GetDefinition())
            .FirstOrDefault(v => string.Equals(v.Id, requestValidatorId, StringComparison.Ordinal))
            ?? throw ManagementException.NotFound("Invalid Request Validator identifier specified");
        return TypedResults.Json(validator, RequestValidatorsJson.Default.RequestValidatorResponse, "application/json");
    }

    private static List<RequestValidatorResponse> Validators(ApiDefinition definition)
    {
        var validators = new List<RequestValidatorResponse>();
        if (definition.Extensions.TryGetValue(RequestValidatorCompiler.ValidatorsExtension, out var json)
            && JsonNode.Parse(json) is JsonObject declared)
        {
            foreach (var (name, value) in declared)
            {
                validators.Add(new RequestValidatorResponse(name, name, Flag(value, "validateRequestBody"), Flag(value, "validateRequestParameters")));
            }
        }
        validators.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return validators;
    }

    private static bool Flag(JsonNode? validator, string name) =>
        validator?[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}

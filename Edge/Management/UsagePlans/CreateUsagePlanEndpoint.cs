using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.Management.ApiKeys;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>CreateUsagePlan: <c>POST /usageplans</c> → 201 UsagePlan; 400 for bad limits or unknown API stages.</summary>
internal static class CreateUsagePlanEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/usageplans", Handle);

    private static async Task<IResult> Handle(HttpRequest request, [FromServices] IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = await RequestBodies.ReadJsonAsync(request, ApiKeysJson.Default.CreateUsagePlanBody, cancellationToken);
        var plan = await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).Create(UsagePlanInput.Creation(body));
        return TypedResults.Json(UsagePlanResponse.From(plan), ApiKeysJson.Default.UsagePlanResponse, "application/json", StatusCodes.Status201Created);
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGateway.Edge.Management.ApiKeys;
using OrleansGateway.Edge.Management.Deployments;
using OrleansGateway.Edge.Management.EdgeStats;
using OrleansGateway.Edge.Management.Exports;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.Iam;
using OrleansGateway.Edge.Management.OpenApi;
using OrleansGateway.Edge.Management.Resources;
using OrleansGateway.Edge.Management.RestApis;
using OrleansGateway.Edge.Management.Stages;
using OrleansGateway.Edge.Management.UsagePlans;
using OrleansGateway.Edge.Management.Usage;
using OrleansGateway.Edge.Management.Waf;

namespace OrleansGateway.Edge.Management;

/// <summary>Registers and maps the API Gateway-compatible management API.</summary>
public static class ManagementApiExtensions
{
    /// <summary>
    /// Base paths the API is also served under, for SDK clients whose endpoint has a path
    /// (<c>http://host:9090/gw</c> sends <c>/gw/restapis</c>): up to two leading segments of any value.
    /// </summary>
    private static readonly string[] BasePaths = ["", "/{basePath1}", "/{basePath1}/{basePath2}"];

    /// <summary>Registers what the management endpoints need.</summary>
    public static IServiceCollection AddManagementApi(this IServiceCollection services)
    {
        services.TryAddSingleton<OpenApiImporter>();
        services.TryAddSingleton<OpenApiExporter>();
        services.TryAddSingleton<IamOperations>();
        services.AddWafManagement();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Maps <c>/restapis...</c> (at the root and under up to two base-path segments) and a fallback
    /// that answers every other path with 404 UnknownOperationException. The caller scopes this to
    /// the management listener: the fallback claims every path of the endpoint table it is given.
    /// </summary>
    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var basePath in BasePaths)
        {
            var group = endpoints.MapGroup(basePath);
            group.AddEndpointFilter<RouteGroupBuilder, ManagementErrorFilter>();
            MapOperations(group);
        }
        // IAM's query protocol (POST /, scope service iam) shares the listener; it answers in XML, not through the JSON error filter.
        // WAFv2's JSON protocol (POST /, scope service wafv2) is dispatched from the same endpoint.
        IamQueryEndpoint.Map(endpoints);
        var fallback = endpoints.MapGroup(string.Empty);
        fallback.AddEndpointFilter<RouteGroupBuilder, ManagementErrorFilter>();
        UnknownOperationEndpoint.Map(fallback);
        return endpoints;
    }

    private static void MapOperations(IEndpointRouteBuilder routes)
    {
        CreateRestApiEndpoint.Map(routes);
        GetRestApisEndpoint.Map(routes);
        GetRestApiEndpoint.Map(routes);
        UpdateRestApiEndpoint.Map(routes);
        DeleteRestApiEndpoint.Map(routes);
        PutRestApiEndpoint.Map(routes);

        GetResourcesEndpoint.Map(routes);
        GetResourceEndpoint.Map(routes);
        Methods.MethodEndpoints.Map(routes);
        Authorizers.AuthorizerEndpoints.Map(routes);
        GatewayResponses.GatewayResponseEndpoints.Map(routes);
        Validators.RequestValidatorEndpoints.Map(routes);
        Models.ModelEndpoints.Map(routes);

        CreateDeploymentEndpoint.Map(routes);
        GetDeploymentsEndpoint.Map(routes);
        GetDeploymentEndpoint.Map(routes);
        DeleteDeploymentEndpoint.Map(routes);

        CreateStageEndpoint.Map(routes);
        GetStagesEndpoint.Map(routes);
        GetStageEndpoint.Map(routes);
        UpdateStageEndpoint.Map(routes);
        DeleteStageEndpoint.Map(routes);

        GetExportEndpoint.Map(routes);

        ApiKeyEndpoints.Map(routes);
        ClientCertificates.ClientCertificateEndpoints.Map(routes);
        UsagePlanEndpoints.Map(routes);
        GetUsageEndpoint.Map(routes);
        UpdateUsageEndpoint.Map(routes);
        ExportUsageEndpoint.Map(routes);

        EdgeStatsEndpoint.Map(routes);

        V2.V2ManagementEndpoints.Map(routes);
        Audit.AuditEndpoints.Map(routes);
    }
}

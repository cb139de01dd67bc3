namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>Maps the usage plan and usage plan key operations (GetUsage/UpdateUsage are mapped by metering).</summary>
internal static class UsagePlanEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        CreateUsagePlanEndpoint.Map(routes);
        GetUsagePlansEndpoint.Map(routes);
        GetUsagePlanEndpoint.Map(routes);
        UpdateUsagePlanEndpoint.Map(routes);
        DeleteUsagePlanEndpoint.Map(routes);
        CreateUsagePlanKeyEndpoint.Map(routes);
        GetUsagePlanKeysEndpoint.Map(routes);
        GetUsagePlanKeyEndpoint.Map(routes);
        DeleteUsagePlanKeyEndpoint.Map(routes);
    }
}

namespace OrleansGateway.Edge.DataPlane;

/// <summary>Registers and runs the data plane (execute-api requests).</summary>
public static class DataPlaneExtensions
{
    /// <summary>Registers the routing table store, the forwarder and the integrations.</summary>
    public static IServiceCollection AddDataPlane(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RoutingTableStore>();
        services.AddHttpForwarder();
        return services;
    }

    /// <summary>Terminal handler for every request that reaches a data-plane listener.</summary>
    public static IApplicationBuilder RunDataPlane(this IApplicationBuilder app) => app; // STUB: helper C replaces
}

namespace OrleansGateway.Edge.Management;

/// <summary>Registers and maps the API Gateway-compatible management API.</summary>
public static class ManagementApiExtensions
{
    /// <summary>Registers what the management endpoints need.</summary>
    public static IServiceCollection AddManagementApi(this IServiceCollection services) => services; // STUB: helper D replaces

    /// <summary>Maps <c>/restapis...</c> and friends.</summary>
    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder endpoints) => endpoints; // STUB: helper D replaces
}

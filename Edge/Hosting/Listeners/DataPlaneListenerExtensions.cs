namespace OrleansGateway.Edge.Hosting.Listeners;

/// <summary>Registers and runs <see cref="DataPlaneListenerMiddleware"/>.</summary>
public static class DataPlaneListenerExtensions
{
    /// <summary>Registers the port → listener table built from <c>Gateway:DataPlane:Listeners</c>.</summary>
    public static IServiceCollection AddDataPlaneListeners(this IServiceCollection services)
    {
        services.AddSingleton<DataPlaneListenerTable>();
        return services;
    }

    /// <summary>Sets the <see cref="DataPlaneListener"/> (and client certificate) features; goes before the data plane.</summary>
    public static IApplicationBuilder UseDataPlaneListeners(this IApplicationBuilder app) =>
        app.UseMiddleware<DataPlaneListenerMiddleware>();
}

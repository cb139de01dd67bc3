using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.DataPlane.AccessLogs;
using OrleansGateway.Edge.DataPlane.InputLimits;
using OrleansGateway.Edge.DataPlane.Integrations;
using OrleansGateway.Edge.DataPlane.Integrations.Resilience;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.DataPlane.UsagePlans;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Observability;
using OrleansGateway.Edge.WebSockets;

namespace OrleansGateway.Edge.DataPlane;

/// <summary>Registers and runs the data plane (execute-api requests).</summary>
public static class DataPlaneExtensions
{
    /// <summary>Registers the routing table store, the forwarder and the integrations.</summary>
    public static IServiceCollection AddDataPlane(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataPlaneListenerOptions>()
            .Bind(configuration.GetSection(DataPlaneListenerOptions.Section))
            .Validate(options => options.MaxRequestBodyBytes > 0, "Gateway:DataPlane:MaxRequestBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddOptions<ConfigSyncOptions>()
            .Bind(configuration.GetSection(ConfigSyncOptions.Section))
            .Validate(options => options.CatchUpWait > TimeSpan.Zero && options.RefreshInterval > TimeSpan.Zero && options.MaxConcurrentPulls > 0,
                "Gateway:Sync: CatchUpWait, RefreshInterval and MaxConcurrentPulls must be positive.")
            .ValidateOnStart();
        // Region and account of method ARNs (authorization, resource policies): must be bound, or IOptions<GatewayOptions> silently yields the defaults.
        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.Section))
            .Validate(options => options.AccountId.Length == 12 && options.AccountId.All(char.IsAsciiDigit), "Gateway:AccountId must be 12 digits.")
            .Validate(options => options.Region.Length is > 0 and <= 32 && options.Region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'),
                "Gateway:Region must be a region name such as us-east-1.")
            .ValidateOnStart();
        services.AddOptions<Validation.RequestValidationOptions>()
            .Bind(configuration.GetSection(Validation.RequestValidationOptions.Section))
            .Validate(options => options.MaxJsonDepth is > 0 and <= 1024, "Gateway:Validation:MaxJsonDepth must be 1-1024.")
            .ValidateOnStart();
        services.AddInputLimits(configuration);
        services.AddSingleton<RoutingTableStore>();
        services.AddHttpForwarder();
        services.AddSingleton(TimeProvider.System);
        services.AddBackendResilience(configuration);
        services.AddSingleton<BackendHttpClient>();
        services.AddSingleton<HttpIntegrationForwarder>();
        services.AddSingleton<IntegrationDispatcher>();
        services.AddWaf(configuration);
        return services;
    }

    /// <summary>Terminal handler for every request that reaches a data-plane listener.</summary>
    /// <remarks>
    /// WebSocket upgrades of WebSocket APIs first (they leave the REST pipeline there), then the API
    /// metrics and spans, then <see cref="AccessLogs.AccessLogExtensions.UseAccessLogs"/> (wrapping all that follows), then <see cref="UseDataPlaneRouting"/>, then <see cref="InputLimitsExtensions.UseInputLimits"/>, then <see cref="UseMethodAuthorization"/>, then <see cref="UseUsagePlans"/>, then <see cref="UseRequestValidation"/>, then <see cref="InputLimitsExtensions.UseJsonBodyCheck"/>, then <see cref="RunDataPlaneIntegration"/>.
    /// CORS (<see cref="Cors.CorsPolicy"/>) is part of routing: once the stage is known a preflight is
    /// answered there (it may match no method), and every other response gets the stage's CORS headers
    /// when it starts, whichever stage wrote it.
    /// The stage's WAF web ACL (<see cref="Waf.Inspection.WafInspector"/>) runs inside routing as soon as
    /// the stage is known, before CORS and everything else, as API Gateway runs WAF first.
    /// </remarks>
    public static IApplicationBuilder RunDataPlane(this IApplicationBuilder app) =>
        app.UseWebSocketApis().UseApiObservability().UseAccessLogs().UseDataPlaneRouting().UseInputLimits().UseMethodAuthorization().UseUsagePlans().UseRequestValidation().UseJsonBodyCheck().UseIntegrationObservation().RunDataPlaneIntegration();

    /// <summary>Authorizers, IAM and the resource policy (<see cref="Authorization.AuthorizationMiddleware"/>).</summary>
    public static IApplicationBuilder UseMethodAuthorization(this IApplicationBuilder app) =>
        app.UseMiddleware<Authorization.AuthorizationMiddleware>();

    /// <summary>API keys, usage-plan, stage and account throttles and quotas (needs <c>AddUsagePlanEnforcement</c> and the leases).</summary>
    public static IApplicationBuilder UseUsagePlans(this IApplicationBuilder app) =>
        app.UseMiddleware<UsagePlanEnforcementMiddleware>();

    /// <summary>Request validators: required parameters and body models (<see cref="Validation.RequestValidationMiddleware"/>).</summary>
    public static IApplicationBuilder UseRequestValidation(this IApplicationBuilder app) =>
        app.UseMiddleware<Validation.RequestValidationMiddleware>();

    /// <summary>
    /// Matches the request to an API stage, resource and method (or answers the gateway error) and
    /// publishes the match as the <see cref="ExecuteApiRequest"/> feature. Pipeline stages that run
    /// between route match and integration (WAF, authorizers, keys, throttling, validation) go
    /// after this and before <see cref="RunDataPlaneIntegration"/>.
    /// </summary>
    public static IApplicationBuilder UseDataPlaneRouting(this IApplicationBuilder app) =>
        app.UseMiddleware<DataPlaneRoutingMiddleware>();

    /// <summary>Terminal: serves the matched method through its integration (HTTP, HTTP_PROXY, MOCK).</summary>
    public static IApplicationBuilder RunDataPlaneIntegration(this IApplicationBuilder app)
    {
        var dispatcher = app.ApplicationServices.GetRequiredService<IntegrationDispatcher>();
        app.Run(dispatcher.InvokeAsync);
        return app;
    }
}

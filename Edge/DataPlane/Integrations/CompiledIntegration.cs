namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>An integration compiled for one stage and method.</summary>
internal sealed class CompiledIntegration
{
    /// <summary>The integration of methods that cannot be served.</summary>
    public static CompiledIntegration Unservable { get; } = new() { Kind = IntegrationKind.Unservable };

    /// <summary>How the method is served.</summary>
    public required IntegrationKind Kind { get; init; }

    /// <summary>The backend method, or null to use the caller's (<c>ANY</c>).</summary>
    public HttpMethod? BackendMethod { get; init; }

    /// <summary>The destination template (HTTP and HTTP_PROXY).</summary>
    public IntegrationUriTemplate? Uri { get; init; }

    /// <summary>Time allowed until the backend's response headers arrive.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>Mapped <c>integration.request.header.*</c> parameters.</summary>
    public ParameterMapping[] HeaderMappings { get; init; } = [];

    /// <summary>HTTP API style request mappings (<c>append:</c>/<c>overwrite:</c>/<c>remove:</c>, <c>overwrite:path</c>).</summary>
    public Mappings.RequestMappings RequestMappings { get; init; } = Mappings.RequestMappings.None;

    /// <summary>HTTP API style response mappings by backend status (HTTP_PROXY).</summary>
    public Mappings.ProxyResponseMappings ResponseMappings { get; init; } = Mappings.ProxyResponseMappings.None;

    /// <summary>Integration responses (HTTP).</summary>
    public IntegrationResponseSelector Responses { get; init; } = IntegrationResponseSelector.None;

    /// <summary>Circuit breaker and retries (HTTP and HTTP_PROXY), from <c>x-gateway-resilience</c>.</summary>
    public Resilience.ResilienceSettings Resilience { get; init; } = Integrations.Resilience.ResilienceSettings.Default;

    /// <summary>The precompiled answer (MOCK).</summary>
    public CompiledMockResponse? Mock { get; init; }
}

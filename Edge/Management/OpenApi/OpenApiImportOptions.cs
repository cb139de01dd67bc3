namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>Import query parameters: <c>failonwarnings</c>, <c>basepath</c> (ignore|prepend|split), <c>endpointConfigurationTypes</c>.</summary>
public sealed record OpenApiImportOptions(bool FailOnWarnings = false, string BasePath = "ignore", string? EndpointConfigurationTypes = null);

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>The document cannot be imported; the message names where and why (returned as 400 BadRequestException).</summary>
public sealed class OpenApiImportException(string message) : Exception(message);

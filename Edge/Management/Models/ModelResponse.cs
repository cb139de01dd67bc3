namespace OrleansGateway.Edge.Management.Models;

/// <summary>API Gateway's <c>Model</c> shape; <see cref="Schema"/> is the JSON Schema as a string.</summary>
/// <param name="Id">The model's id; for models from OpenAPI it is their name.</param>
internal sealed record ModelResponse(string Id, string Name, string? Description, string Schema, string ContentType);

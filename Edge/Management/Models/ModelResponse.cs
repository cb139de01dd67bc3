using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Models;

/// <summary>API Gateway's <c>Model</c> shape; <see cref="Schema"/> is the JSON Schema as a string.</summary>
/// <param name="Id">The model's id, which is its name.</param>
internal sealed record ModelResponse(string Id, string Name, string? Description, string Schema, string ContentType)
{
    public static ModelResponse From(ModelDefinition model) => new(model.Name, model.Name, model.Description, model.Schema, model.ContentType);
}

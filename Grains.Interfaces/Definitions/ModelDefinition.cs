namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// API Gateway's <c>Model</c>: a JSON Schema (draft-04) kept in the API document's
/// <c>components.schemas</c> under its name, which is also its id.
/// </summary>
/// <param name="Name">Alphanumeric, unique in the API.</param>
/// <param name="Description">Stored as the schema's <c>description</c>.</param>
/// <param name="Schema">The JSON Schema as text.</param>
/// <param name="ContentType">Always <c>application/json</c> here.</param>
[GenerateSerializer, Immutable, Alias("og.ModelDefinition")]
public sealed record ModelDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string Schema,
    [property: Id(3)] string ContentType);

using NJsonSchema;
using NJsonSchema.References;

namespace OrleansGateway.Edge.DataPlane.Validation;

/// <summary>
/// Resolves <c>$ref</c>s inside the model document only. A model is API input: following a file
/// or URL reference would let an API definition make the edge read local files or call out.
/// </summary>
internal sealed class LocalReferenceResolver(JsonSchemaAppender appender) : JsonReferenceResolver(appender)
{
    /// <summary>The factory NJsonSchema takes.</summary>
    public static Func<JsonSchema, JsonReferenceResolver> Factory { get; } =
        schema => new LocalReferenceResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));

    /// <inheritdoc />
    public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"model reference '{filePath}' is outside the API's models");

    /// <inheritdoc />
    public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"model reference '{url}' is outside the API's models");
}

using System.Collections.Frozen;
using NJsonSchema;

namespace OrleansGateway.Edge.DataPlane.Validation;

/// <summary>
/// A method's request validator, compiled with its stage: the required parameters (when the
/// validator checks parameters) and the body models by media type (when it checks bodies).
/// </summary>
/// <param name="RequiredParameters">Required parameters, sorted by name as the error message lists them.</param>
/// <param name="BodyModels">Lower-case media type (or <c>$default</c>) → compiled draft-04 schema.</param>
internal sealed record CompiledRequestValidator(
    IReadOnlyList<RequiredParameter> RequiredParameters,
    FrozenDictionary<string, JsonSchema> BodyModels)
{
    /// <summary>The key of the model used when no media type matches, as API Gateway's <c>$default</c>.</summary>
    public const string DefaultModelKey = "$default";

    /// <summary>The model for a request's <c>Content-Type</c> (parameters ignored; <c>application/json</c> when absent).</summary>
    public JsonSchema? ModelFor(string? contentType)
    {
        var mediaType = MediaTypeOf(contentType);
        return BodyModels.TryGetValue(mediaType, out var schema) || BodyModels.TryGetValue(DefaultModelKey, out schema) ? schema : null;
    }

    private static string MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "application/json";
        }
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }
}

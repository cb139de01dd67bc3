using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// The one place that hands documents to Microsoft.OpenApi: reading (Swagger 2 and OpenAPI 3.x into
/// one model) and writing (OpenAPI 3 or Swagger 2, JSON or YAML). Conversions between versions are
/// the library's, never ours.
/// </summary>
internal static class OpenApiSpecConverter
{
    // References are resolved inside the document only: import must not fetch anything.
    private static readonly Uri DocumentLocation = new("urn:orleansgateway:openapi");

    public static ReadResult Read(JsonObject document) =>
        new OpenApiJsonReader().Read(document.DeepClone(), DocumentLocation, Settings());

    /// <summary>The document as OpenAPI 3 JSON; 3.1 and 3.2 documents keep their version.</summary>
    public static JsonObject ToOpenApi3Json(OpenApiDocument document, OpenApiSpecVersion readAs)
    {
        var text = new StringWriter();
        var writer = new OpenApiJsonWriter(text, new OpenApiJsonWriterSettings { Terse = true });
        switch (readAs)
        {
            case OpenApiSpecVersion.OpenApi3_1:
                document.SerializeAsV31(writer);
                break;
            case OpenApiSpecVersion.OpenApi3_2:
                document.SerializeAsV32(writer);
                break;
            default:
                document.SerializeAsV3(writer);
                break;
        }
        return (JsonObject)StoredJson.Parse(text.ToString())!;
    }

    /// <summary>
    /// Converts one operation object between versions. <c>x-amazon-apigateway-any-method</c> holds an
    /// operation the library sees only as an extension value, so it is converted here explicitly.
    /// </summary>
    public static JsonObject ConvertOperation(JsonNode operation, OpenApiSpecVersion from, OpenApiSpecVersion to, OpenApiDocument context, string location)
    {
        var parsed = new OpenApiJsonReader().ReadFragment<OpenApiOperation>(operation.DeepClone(), from, context, out var diagnostic, Settings());
        if (parsed is null || diagnostic.Errors.Count > 0)
        {
            var why = diagnostic.Errors.Count > 0 ? diagnostic.Errors[0].Message : "not an operation object";
            throw ImportJson.Error(location, why);
        }
        var text = new StringWriter();
        var writer = new OpenApiJsonWriter(text, new OpenApiJsonWriterSettings { Terse = true });
        switch (to)
        {
            case OpenApiSpecVersion.OpenApi2_0:
                parsed.SerializeAsV2(writer);
                break;
            case OpenApiSpecVersion.OpenApi3_1:
                parsed.SerializeAsV31(writer);
                break;
            case OpenApiSpecVersion.OpenApi3_2:
                parsed.SerializeAsV32(writer);
                break;
            default:
                parsed.SerializeAsV3(writer);
                break;
        }
        return (JsonObject)StoredJson.Parse(text.ToString())!;
    }

    /// <summary>Writes a document as OpenAPI 3.0 or Swagger 2.0, JSON or YAML.</summary>
    public static string Write(OpenApiDocument document, bool swagger, bool yaml)
    {
        var text = new StringWriter();
        IOpenApiWriter writer = yaml ? new OpenApiYamlWriter(text) : new OpenApiJsonWriter(text);
        if (swagger)
        {
            document.SerializeAsV2(writer);
        }
        else
        {
            document.SerializeAsV3(writer);
        }
        return text.ToString();
    }

    // Validation rules are off: they flag things API Gateway accepts (an empty responses object, a
    // response without description); what import needs is checked by the importer itself.
    private static OpenApiReaderSettings Settings() => new() { LoadExternalRefs = false, RuleSet = new ValidationRuleSet() };
}

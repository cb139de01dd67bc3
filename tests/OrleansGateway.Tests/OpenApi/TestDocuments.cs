using System.Text;
using OrleansGateway.Edge.Management.OpenApi;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>Small hand-written documents for targeted import tests.</summary>
internal static class TestDocuments
{
    public const string HttpIntegration = """
        "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "GET", "uri": "https://backend.example.com/items"}
        """;

    /// <summary>An OpenAPI 3 document with the given <c>paths</c> members and extra root members.</summary>
    public static byte[] OpenApi3(string paths, string root = "") => Encoding.UTF8.GetBytes($$"""
        {
          "openapi": "3.0.1",
          "info": {"title": "test-api", "version": "1.0"},
          {{(root.Length > 0 ? root + "," : "")}}
          "paths": { {{paths}} }
        }
        """);

    /// <summary>An OpenAPI 3 document with one GET operation at <paramref name="path"/>, whose body is <paramref name="operation"/>.</summary>
    public static byte[] OneOperation(string path = "/items", string operation = HttpIntegration, string root = "") =>
        OpenApi3($$$""" "{{{path}}}": {"get": { {{{operation}}} }} """, root);

    /// <summary>One GET operation with the given integration object.</summary>
    public static byte[] WithIntegration(string integration) =>
        OneOperation(operation: $""" "x-amazon-apigateway-integration": {integration} """);

    public static OpenApiImportResult Import(byte[] document, OpenApiImportOptions? options = null) =>
        new OpenApiImporter().Import(document, options ?? new OpenApiImportOptions());

    public static string ImportError(byte[] document, OpenApiImportOptions? options = null) =>
        Assert.Throws<OpenApiImportException>(() => Import(document, options)).Message;
}

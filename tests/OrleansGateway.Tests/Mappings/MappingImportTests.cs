using System.Text;
using System.Text.Json.Nodes;
using OrleansGateway.Tests.OpenApi;

namespace OrleansGateway.Tests.Mappings;

/// <summary>Mappings in <c>x-amazon-apigateway-integration</c> are checked at import: a bad one is refused naming its key; good ones are kept and exported.</summary>
public sealed class MappingImportTests
{
    [Fact]
    public void A_bad_header_name_is_refused_naming_the_key()
    {
        var message = TestDocuments.ImportError(Document(new JsonObject { ["requestParameters"] = new JsonObject { ["overwrite:header.Bad Name"] = "x" } }));

        Assert.Contains("paths./items.get.x-amazon-apigateway-integration.requestParameters.overwrite:header.Bad Name", message, StringComparison.Ordinal);
        Assert.Contains("not a valid name", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_response_parameter_status_is_refused()
    {
        var message = TestDocuments.ImportError(Document(new JsonObject
        {
            ["responseParameters"] = new JsonObject { ["2xx"] = new JsonObject { ["remove:header.Server"] = "''" } },
        }));

        Assert.Contains("responseParameters.2xx", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_api_style_mappings_are_kept_by_import_and_exported()
    {
        var result = ConformanceDocuments.Import(Document(new JsonObject
        {
            ["requestParameters"] = new JsonObject { ["remove:header.Cookie"] = "''", ["overwrite:querystring.v"] = "2" },
            ["responseParameters"] = new JsonObject { ["200"] = new JsonObject { ["remove:header.Server"] = "''" } },
        }));

        var integration = result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"].Integration!;
        Assert.Equal("''", integration.RequestParameters["remove:header.Cookie"]);
        Assert.Equal("''", integration.ResponseParameters["200"]["remove:header.Server"]);

        var exported = JsonNode.Parse(ExportFixture.Export(ExportFixture.Deploy(result), "oas30", false, "integrations").Body)!;
        var written = exported["paths"]!["/items"]!["get"]!["x-amazon-apigateway-integration"]!;
        Assert.Equal("''", written["requestParameters"]!["remove:header.Cookie"]!.GetValue<string>());
        Assert.Equal("''", written["responseParameters"]!["200"]!["remove:header.Server"]!.GetValue<string>());
    }

    private static byte[] Document(JsonObject integrationExtras)
    {
        var integration = new JsonObject { ["type"] = "http_proxy", ["httpMethod"] = "GET", ["uri"] = "http://backend.example/items" };
        foreach (var (key, value) in integrationExtras)
        {
            integration[key] = value?.DeepClone();
        }
        var document = new JsonObject
        {
            ["openapi"] = "3.0.1",
            ["info"] = new JsonObject { ["title"] = "mappings", ["version"] = "1" },
            ["paths"] = new JsonObject
            {
                ["/items"] = new JsonObject
                {
                    ["get"] = new JsonObject { ["x-amazon-apigateway-integration"] = integration },
                },
            },
        };
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }
}

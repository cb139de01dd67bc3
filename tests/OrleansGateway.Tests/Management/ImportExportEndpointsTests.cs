using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.Management;

/// <summary>
/// The endpoints that go through <c>OpenApiImporter</c>/<c>OpenApiExporter</c>: these pass once the
/// importer and exporter are implemented (they are stubs in the management branch).
/// </summary>
[Collection(ManagementApiCollection.Name)]
public sealed class ImportExportEndpointsTests(ManagementApiFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    private static ByteArrayContent Document(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<JsonElement> ImportAsync(string document, string query = "")
    {
        using var response = await _http.PostAsync("/restapis?mode=import" + query, Document(document));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    private async Task<Dictionary<string, JsonElement>> ResourcesByPathAsync(string apiId, bool embed = false)
    {
        using var response = await _http.GetAsync($"/restapis/{apiId}/resources?limit=500" + (embed ? "&embed=methods" : ""));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).GetProperty("item").EnumerateArray().ToDictionary(r => r.GetProperty("path").GetString()!, r => r.Clone());
    }

    private static IEnumerable<string> MethodsOf(JsonElement resource) =>
        resource.TryGetProperty("resourceMethods", out var methods) ? methods.EnumerateObject().Select(m => m.Name) : [];

    [Fact]
    public async Task Import_openapi3_returns_201_with_the_documents_settings()
    {
        var api = await ImportAsync(PetstoreDocuments.OpenApi3Json);

        Assert.Equal("PetStore", api.GetProperty("name").GetString());
        Assert.Equal("pets for sale", api.GetProperty("description").GetString());
        Assert.Equal("2024-01-01", api.GetProperty("version").GetString());
        Assert.Matches("^[a-z0-9]{10}$", api.GetProperty("id").GetString()!);
        Assert.Equal("HEADER", api.GetProperty("apiKeySource").GetString());
    }

    [Fact]
    public async Task Imported_resources_and_methods_are_listed_with_their_integrations()
    {
        var api = await ImportAsync(PetstoreDocuments.OpenApi3Json);
        var id = api.GetProperty("id").GetString()!;

        var resources = await ResourcesByPathAsync(id, embed: true);

        Assert.Equal(["/", "/pets", "/pets/{petId}"], resources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(api.GetProperty("rootResourceId").GetString(), resources["/"].GetProperty("id").GetString());
        Assert.Equal(resources["/pets"].GetProperty("id").GetString(), resources["/pets/{petId}"].GetProperty("parentId").GetString());
        Assert.Equal("MOCK", resources["/"].GetProperty("resourceMethods").GetProperty("GET").GetProperty("methodIntegration").GetProperty("type").GetString());
        var proxy = resources["/pets/{petId}"].GetProperty("resourceMethods").GetProperty("GET").GetProperty("methodIntegration");
        Assert.Equal("HTTP_PROXY", proxy.GetProperty("type").GetString());
        Assert.Equal("http://petstore.example.com/pets/{petId}", proxy.GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Import_swagger2_yaml_returns_201_with_binary_media_types()
    {
        var api = await ImportAsync(PetstoreDocuments.Swagger2Yaml);
        var resources = await ResourcesByPathAsync(api.GetProperty("id").GetString()!);

        Assert.Equal("Orders", api.GetProperty("name").GetString());
        Assert.Equal("image/png", api.GetProperty("binaryMediaTypes")[0].GetString());
        Assert.Equal(["GET", "POST"], MethodsOf(resources["/orders"]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("this is not an openapi document")]
    [InlineData("{\"openapi\": \"3.0.1\"}")]
    public async Task Import_of_an_invalid_document_is_400_bad_request(string document)
    {
        using var response = await _http.PostAsync("/restapis?mode=import", Document(document));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Put_overwrite_replaces_the_resources()
    {
        var id = (await ImportAsync(PetstoreDocuments.OpenApi3Json)).GetProperty("id").GetString()!;

        using var response = await _http.PutAsync($"/restapis/{id}?mode=overwrite", Document(PetstoreDocuments.ToysJson));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(id, (await response.ReadJsonAsync()).GetProperty("id").GetString());
        Assert.Equal(["/", "/toys"], (await ResourcesByPathAsync(id)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Put_merge_keeps_the_resources_and_adds_the_new_ones()
    {
        var id = (await ImportAsync(PetstoreDocuments.OpenApi3Json)).GetProperty("id").GetString()!;

        using var response = await _http.PutAsync($"/restapis/{id}", Document(PetstoreDocuments.ToysJson));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(["/", "/pets", "/pets/{petId}", "/toys"], (await ResourcesByPathAsync(id)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Put_of_an_invalid_document_is_400_and_changes_nothing()
    {
        var id = (await ImportAsync(PetstoreDocuments.OpenApi3Json)).GetProperty("id").GetString()!;

        using var response = await _http.PutAsync($"/restapis/{id}?mode=overwrite", Document("not openapi"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal(3, (await ResourcesByPathAsync(id)).Count);
    }

    [Theory]
    [InlineData("oas30", "application/json", "\"openapi\"")]
    [InlineData("oas30", "application/yaml", "openapi:")]
    [InlineData("swagger", "application/json", "\"swagger\"")]
    [InlineData("swagger", "application/yaml", "swagger:")]
    public async Task Export_returns_the_deployed_definition_in_the_requested_format(string exportType, string accept, string marker)
    {
        var id = (await ImportAsync(PetstoreDocuments.OpenApi3Json)).GetProperty("id").GetString()!;
        await _http.CreateDeploymentAsync(id, "prod");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/restapis/{id}/stages/prod/exports/{exportType}?extensions=integrations");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var response = await _http.SendAsync(request);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(accept == "application/yaml" ? "yaml" : "json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(marker, body, StringComparison.Ordinal);
        Assert.Contains("/pets/{petId}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_shows_the_deployment_not_later_edits()
    {
        var id = (await ImportAsync(PetstoreDocuments.OpenApi3Json)).GetProperty("id").GetString()!;
        await _http.CreateDeploymentAsync(id, "prod");
        using var put = await _http.PutAsync($"/restapis/{id}?mode=overwrite", Document(PetstoreDocuments.ToysJson));
        await put.AssertStatusAsync(HttpStatusCode.OK);

        using var response = await _http.GetAsync($"/restapis/{id}/stages/prod/exports/oas30");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("/pets", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/toys", body, StringComparison.Ordinal);
    }
}

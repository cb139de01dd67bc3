using System.Net;
using System.Text;
using System.Text.Json;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Management.ValidatorsAndModels;

/// <summary>
/// Create/Update/DeleteRequestValidator and Create/Update/DeleteModel over the signed management API
/// of a real dev-mode edge, and what a deployment of them does on the data plane.
/// </summary>
public sealed class ValidatorAndModelWriteTests : IAsyncLifetime
{
    private const string PetSchema = """{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}""";

    private readonly InProcessDevEdge _edge = new();
    private EchoBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = await EchoBackend.StartAsync();
        await _edge.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task A_model_and_validator_created_through_the_api_validate_bodies_after_the_next_deployment()
    {
        using var management = _edge.Management();
        var apiId = await management.ImportAsync(Document());
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());
        await WaitUntilAsync(apiId, "{}", HttpStatusCode.OK);

        var model = await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/models",
            new { name = "Pet", description = "A pet", schema = PetSchema, contentType = "application/json" });
        var validator = await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/requestvalidators",
            new { name = "body", validateRequestBody = true });
        var resourceId = await ResourceIdAsync(management, apiId, "/pets");
        await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}/resources/{resourceId}/methods/POST", new
        {
            patchOperations = new[]
            {
                new { op = "replace", path = "/requestValidatorId", value = "body" },
                new { op = "add", path = "/requestModels/application~1json", value = "Pet" },
            },
        });

        Assert.Equal("Pet", model.GetProperty("name").GetString());
        Assert.Equal("A pet", model.GetProperty("description").GetString());
        Assert.Equal("body", validator.GetProperty("id").GetString());
        Assert.True(validator.GetProperty("validateRequestBody").GetBoolean());
        Assert.False(validator.GetProperty("validateRequestParameters").GetBoolean());

        // Not served until deployed, as in API Gateway.
        using (var before = await PostAsync(apiId, "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());
        await WaitUntilAsync(apiId, "{}", HttpStatusCode.BadRequest);
        var calls = _backend.RequestsReceived;

        using var invalid = await PostAsync(apiId, """{"name": 7}""");
        using var valid = await PostAsync(apiId, """{"name": "Rex"}""");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var error = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Invalid request body", error.RootElement.GetProperty("message").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(calls + 1, _backend.RequestsReceived);
    }

    [Fact]
    public async Task Models_in_use_cannot_be_deleted_unused_ones_can_and_methods_name_only_existing_ones()
    {
        using var management = _edge.Management();
        var apiId = await management.ImportAsync(Document());
        await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/models", new { name = "Pet", schema = PetSchema, contentType = "application/json" });
        await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/models", new { name = "Unused", schema = "{}", contentType = "application/json" });
        var resourceId = await ResourceIdAsync(management, apiId, "/pets");
        await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}/resources/{resourceId}/methods/POST",
            new { patchOperations = new[] { new { op = "add", path = "/requestModels/application~1json", value = "Pet" } } });

        var inUse = await Assert.ThrowsAsync<HttpRequestException>(() => management.SendAsync(HttpMethod.Delete, $"/restapis/{apiId}/models/Pet", null));
        await management.SendAsync(HttpMethod.Delete, $"/restapis/{apiId}/models/Unused", null);
        var gone = await Assert.ThrowsAsync<HttpRequestException>(() => management.SendAsync(HttpMethod.Get, $"/restapis/{apiId}/models/Unused", null));
        var unknownModel = await Assert.ThrowsAsync<HttpRequestException>(() => management.SendJsonAsync(HttpMethod.Patch,
            $"/restapis/{apiId}/resources/{resourceId}/methods/POST",
            new { patchOperations = new[] { new { op = "add", path = "/requestModels/application~1json", value = "Nope" } } }));

        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Contains("POST /pets", inUse.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var unknownValidator = await Assert.ThrowsAsync<HttpRequestException>(() => management.SendJsonAsync(HttpMethod.Patch,
            $"/restapis/{apiId}/resources/{resourceId}/methods/POST",
            new { patchOperations = new[] { new { op = "replace", path = "/requestValidatorId", value = "nope" } } }));

        Assert.Equal(HttpStatusCode.BadRequest, unknownModel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownValidator.StatusCode);
        Assert.Contains("Invalid Request Validator identifier specified", unknownValidator.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_may_name_the_built_in_Empty_model_which_then_exists()
    {
        using var management = _edge.Management();
        var apiId = await management.ImportAsync(Document());
        var resourceId = await ResourceIdAsync(management, apiId, "/pets");

        await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}/resources/{resourceId}/methods/POST",
            new { patchOperations = new[] { new { op = "add", path = "/requestModels/application~1json", value = "Empty" } } });
        var empty = await management.SendAsync(HttpMethod.Get, $"/restapis/{apiId}/models/Empty", null);

        Assert.Equal("Empty", empty.GetProperty("name").GetString());
        using var schema = JsonDocument.Parse(empty.GetProperty("schema").GetString()!);
        Assert.Equal("object", schema.RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("Pet-1", "{}", "application/json", HttpStatusCode.BadRequest, "alphanumeric")]
    [InlineData("Bad", "{not json", "application/json", HttpStatusCode.BadRequest, "Invalid model schema specified")]
    [InlineData("Bad", "[1]", "application/json", HttpStatusCode.BadRequest, "must be a JSON object")]
    [InlineData("Bad", """{"type": 5}""", "application/json", HttpStatusCode.BadRequest, "Invalid model schema specified")]
    [InlineData("Bad", """{"$ref": "http://example.com/x.json"}""", "application/json", HttpStatusCode.BadRequest, "Invalid model schema specified")]
    [InlineData("Bad", "{}", "text/plain", HttpStatusCode.BadRequest, "content type")]
    public async Task CreateModel_refuses_bad_names_schemas_and_content_types(string name, string schema, string contentType, HttpStatusCode status, string message)
    {
        using var management = _edge.Management();
        var apiId = await management.ImportAsync(Document());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/models", new { name, schema, contentType }));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_names_conflict_and_updates_change_the_stored_values()
    {
        using var management = _edge.Management();
        var apiId = await management.ImportAsync(Document());
        await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/models", new { name = "Pet", schema = PetSchema, contentType = "application/json" });
        await management.SendJsonAsync(HttpMethod.Post, $"/restapis/{apiId}/requestvalidators", new { name = "v1", validateRequestParameters = true });

        var duplicateModel = await Assert.ThrowsAsync<HttpRequestException>(() => management.SendJsonAsync(HttpMethod.Post,
            $"/restapis/{apiId}/models", new { name = "Pet", schema = "{}", contentType = "application/json" }));
        var duplicateValidator = await Assert.ThrowsAsync<HttpRequestException>(() => management.SendJsonAsync(HttpMethod.Post,
            $"/restapis/{apiId}/requestvalidators", new { name = "v1" }));
        var model = await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}/models/Pet", new
        {
            patchOperations = new[]
            {
                new { op = "replace", path = "/schema", value = """{"type":"object","required":["age"]}""" },
                new { op = "replace", path = "/description", value = "Pets have ages" },
            },
        });
        var badSchema = await Assert.ThrowsAsync<HttpRequestException>(() => management.SendJsonAsync(HttpMethod.Patch,
            $"/restapis/{apiId}/models/Pet", new { patchOperations = new[] { new { op = "replace", path = "/schema", value = """{"type": 5}""" } } }));
        var validator = await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}/requestvalidators/v1", new
        {
            patchOperations = new[]
            {
                new { op = "replace", path = "/validateRequestBody", value = "true" },
                new { op = "replace", path = "/validateRequestParameters", value = "false" },
            },
        });
        await management.SendAsync(HttpMethod.Delete, $"/restapis/{apiId}/requestvalidators/v1", null);
        var validators = await management.SendAsync(HttpMethod.Get, $"/restapis/{apiId}/requestvalidators", null);

        Assert.Equal(HttpStatusCode.Conflict, duplicateModel.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicateValidator.StatusCode);
        Assert.Equal("Pets have ages", model.GetProperty("description").GetString());
        using (var schema = JsonDocument.Parse(model.GetProperty("schema").GetString()!))
        {
            Assert.Equal("age", schema.RootElement.GetProperty("required")[0].GetString());
        }
        Assert.Equal(HttpStatusCode.BadRequest, badSchema.StatusCode);
        Assert.True(validator.GetProperty("validateRequestBody").GetBoolean());
        Assert.False(validator.GetProperty("validateRequestParameters").GetBoolean());
        Assert.Equal(0, validators.GetProperty("item").GetArrayLength());
    }

    private async Task<HttpResponseMessage> PostAsync(string apiId, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_edge.DataPort}/prod/pets")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = $"{apiId}.execute-api.localhost";
        return await _edge.Data.SendAsync(request);
    }

    private async Task WaitUntilAsync(string apiId, string json, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var response = await PostAsync(apiId, json);
            if (response.StatusCode == expected)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the deployment did not reach the edge (still {(int)response.StatusCode})");
            await Task.Delay(50);
        }
    }

    private static async Task<string> ResourceIdAsync(Cluster.ManagementClient management, string apiId, string path)
    {
        var resources = await management.SendAsync(HttpMethod.Get, $"/restapis/{apiId}/resources", null);
        return resources.GetProperty("item").EnumerateArray().Single(r => r.GetProperty("path").GetString() == path).GetProperty("id").GetString()!;
    }

    private string Document() => """
        {
          "openapi": "3.0.1",
          "info": {"title": "write-ops", "version": "1"},
          "paths": {
            "/pets": {"post": {"x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "POST", "uri": "BACKEND/pets"}}}
          }
        }
        """.Replace("BACKEND", _backend.Url, StringComparison.Ordinal);
}

using System.Text.Json;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.Resources;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Tests.Management;

public sealed class ResourceResponseTests
{
    private const string ApiId = "abcdefghij";

    private static readonly IntegrationDefinition Mock = new(
        "MOCK", null, null, 29_000, new Dictionary<string, string>(),
        new Dictionary<string, string> { ["application/json"] = """{"statusCode": 200}""" },
        [
            new IntegrationResponseDefinition("default", "200", new Dictionary<string, string>(), new Dictionary<string, string> { ["application/json"] = "{}" }, null),
            new IntegrationResponseDefinition("5\\d{2}", "500", new Dictionary<string, string>(), new Dictionary<string, string>(), null),
        ],
        "when_no_match", null, null, [], null);

    private static MethodDefinition Method(string httpMethod, IntegrationDefinition? integration) => new(
        httpMethod, "NONE", null, true, "op" + httpMethod, new Dictionary<string, bool> { ["method.request.path.petId"] = true },
        integration, new Dictionary<string, string>(), null, [], null);

    private static readonly ApiDefinition Definition = new(
        [new ResourceDefinition("/pets/{petId}", new Dictionary<string, MethodDefinition> { ["GET"] = Method("GET", Mock) })],
        new Dictionary<string, string>(),
        null);

    [Fact]
    public void Flatten_adds_the_root_and_implicit_parents_in_path_order()
    {
        var paths = ResourceListing.Flatten(Definition).Select(r => r.Path);

        Assert.Equal(["/", "/pets", "/pets/{petId}"], paths);
    }

    [Fact]
    public void Resources_link_to_their_parents_by_derived_id()
    {
        var resources = ResourceListing.Flatten(Definition).Select(r => ResourceResponse.From(ApiId, r, embedMethods: false)).ToList();

        Assert.Equal((ResourceIds.For(ApiId, "/"), null, null), (resources[0].Id, resources[0].ParentId, resources[0].PathPart));
        Assert.Equal((ResourceIds.For(ApiId, "/pets"), resources[0].Id, "pets"), (resources[1].Id, resources[1].ParentId, resources[1].PathPart));
        Assert.Equal((resources[1].Id, "{petId}"), (resources[2].ParentId, resources[2].PathPart));
    }

    [Fact]
    public void Without_embed_each_method_is_an_empty_object()
    {
        var resource = ResourceResponse.From(ApiId, ResourceListing.Flatten(Definition)[2], embedMethods: false);

        var json = JsonSerializer.Serialize(resource, ManagementJson.Default.ResourceResponse);

        Assert.Contains("\"resourceMethods\":{\"GET\":{}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void With_embed_methods_carry_their_integration_as_api_gateway_shows_it()
    {
        var resource = ResourceResponse.From(ApiId, ResourceListing.Flatten(Definition)[2], embedMethods: true);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(resource, ManagementJson.Default.ResourceResponse));
        var method = json.RootElement.GetProperty("resourceMethods").GetProperty("GET");

        Assert.Equal("GET", method.GetProperty("httpMethod").GetString());
        Assert.Equal("NONE", method.GetProperty("authorizationType").GetString());
        Assert.True(method.GetProperty("apiKeyRequired").GetBoolean());
        Assert.True(method.GetProperty("requestParameters").GetProperty("method.request.path.petId").GetBoolean());
        var integration = method.GetProperty("methodIntegration");
        Assert.Equal("MOCK", integration.GetProperty("type").GetString());
        Assert.Equal("WHEN_NO_MATCH", integration.GetProperty("passthroughBehavior").GetString());
        Assert.Equal(29000, integration.GetProperty("timeoutInMillis").GetInt32());
        Assert.Equal(0, integration.GetProperty("cacheKeyParameters").GetArrayLength());
        var responses = integration.GetProperty("integrationResponses");
        Assert.False(responses.GetProperty("200").TryGetProperty("selectionPattern", out _));
        Assert.Equal("5\\d{2}", responses.GetProperty("500").GetProperty("selectionPattern").GetString());
        Assert.False(method.TryGetProperty("authorizerId", out _));
    }

    [Fact]
    public void Parent_and_path_part_handle_the_root_and_deep_paths()
    {
        Assert.Null(ResourceListing.ParentOf("/"));
        Assert.Equal("/", ResourceListing.ParentOf("/pets"));
        Assert.Equal("/a/b", ResourceListing.ParentOf("/a/b/{proxy+}"));
        Assert.Equal("{proxy+}", ResourceListing.PathPartOf("/a/b/{proxy+}"));
    }
}

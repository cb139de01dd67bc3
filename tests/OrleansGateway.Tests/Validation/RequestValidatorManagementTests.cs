using System.Net;

namespace OrleansGateway.Tests.Validation;

/// <summary>GetRequestValidators / GetRequestValidator over the signed management API, in API Gateway's shapes.</summary>
public sealed class RequestValidatorManagementTests(ValidationEdgeFixture fixture) : IClassFixture<ValidationEdgeFixture>
{
    [Fact]
    public async Task GetRequestValidators_lists_the_imported_validators_with_their_checks()
    {
        using var management = fixture.Edge.Management();

        var list = await management.SendAsync(HttpMethod.Get, $"/restapis/{fixture.ApiId}/requestvalidators", null);

        var items = list.GetProperty("item").EnumerateArray()
            .Select(v => (v.GetProperty("id").GetString(), v.GetProperty("name").GetString(),
                v.GetProperty("validateRequestBody").GetBoolean(), v.GetProperty("validateRequestParameters").GetBoolean()))
            .ToList();
        Assert.Equal([("all", "all", true, true), ("body-only", "body-only", true, false), ("params-only", "params-only", false, true)], items);
    }

    [Fact]
    public async Task GetRequestValidator_answers_one_by_id_and_404_for_an_unknown_id()
    {
        using var management = fixture.Edge.Management();

        var one = await management.SendAsync(HttpMethod.Get, $"/restapis/{fixture.ApiId}/requestvalidators/params-only", null);
        var missing = await Assert.ThrowsAsync<HttpRequestException>(
            () => management.SendAsync(HttpMethod.Get, $"/restapis/{fixture.ApiId}/requestvalidators/nope", null));

        Assert.False(one.GetProperty("validateRequestBody").GetBoolean());
        Assert.True(one.GetProperty("validateRequestParameters").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Invalid Request Validator identifier specified", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModels_and_GetModel_answer_the_component_schemas_as_models()
    {
        using var management = fixture.Edge.Management();

        var list = await management.SendAsync(HttpMethod.Get, $"/restapis/{fixture.ApiId}/models", null);
        var pet = await management.SendAsync(HttpMethod.Get, $"/restapis/{fixture.ApiId}/models/Pet", null);
        var missing = await Assert.ThrowsAsync<HttpRequestException>(
            () => management.SendAsync(HttpMethod.Get, $"/restapis/{fixture.ApiId}/models/Nope", null));

        Assert.Equal(["Pet", "Tag"], list.GetProperty("item").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal("application/json", pet.GetProperty("contentType").GetString());
        using var schema = System.Text.Json.JsonDocument.Parse(pet.GetProperty("schema").GetString()!);
        Assert.Equal("object", schema.RootElement.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

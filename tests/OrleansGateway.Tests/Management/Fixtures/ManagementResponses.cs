using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansGateway.Tests.Management.Fixtures;

/// <summary>Request and assertion shorthands the management tests share.</summary>
public static class ManagementResponses
{
    /// <summary>A JSON body from a raw string (so tests can send exactly what an SDK would, or malformed JSON).</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Parses a response body as JSON.</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts API Gateway's error shape: status, <c>x-amzn-ErrorType</c>, JSON <c>message</c> and a request id; returns the message.</summary>
    public static async Task<string> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string errorType)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal(errorType, Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("message").GetString()!;
    }

    /// <summary>Asserts a status code, showing the body when it differs.</summary>
    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"expected {(int)status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Creates an API and returns its id.</summary>
    public static async Task<string> CreateApiAsync(this HttpClient http, string name = "test-api")
    {
        using var response = await http.PostAsync("/restapis", Json($$"""{"name":"{{name}}"}"""));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>Creates a deployment (optionally with a stage) and returns its id.</summary>
    public static async Task<string> CreateDeploymentAsync(this HttpClient http, string apiId, string? stageName = null)
    {
        var body = stageName is null ? "{}" : $$"""{"stageName":"{{stageName}}"}""";
        using var response = await http.PostAsync($"/restapis/{apiId}/deployments", Json(body));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }
}

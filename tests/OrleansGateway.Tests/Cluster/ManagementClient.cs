using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansGateway.Tests.Security.SigV4;

namespace OrleansGateway.Tests.Cluster;

/// <summary>A few management API calls, SigV4-signed, with API Gateway's JSON shapes.</summary>
public sealed class ManagementClient(string endpoint, string accessKeyId, string secretAccessKey) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly TestSigV4Signer _signer = new(accessKeyId, secretAccessKey, "us-east-1", "apigateway");

    /// <summary>ImportRestApi with a raw OpenAPI document; returns the new API id.</summary>
    public async Task<string> ImportAsync(string openApiJson)
    {
        var api = await SendAsync(HttpMethod.Post, "/restapis?mode=import", new StringContent(openApiJson, Encoding.UTF8, "application/json"));
        return api.GetProperty("id").GetString()!;
    }

    /// <summary>CreateDeployment onto a stage, with stage variables.</summary>
    public Task<JsonElement> DeployAsync(string apiId, string stage, IReadOnlyDictionary<string, string> variables) =>
        SendAsync(HttpMethod.Post, $"/restapis/{apiId}/deployments", JsonContent.Create(new { stageName = stage, variables }));

    public Task<JsonElement> GetRestApiAsync(string apiId) => SendAsync(HttpMethod.Get, $"/restapis/{apiId}", null);

    /// <summary>UpdateStage with one replace operation.</summary>
    public Task<JsonElement> ReplaceStageValueAsync(string apiId, string stage, string path, string value) =>
        SendAsync(new HttpMethod("PATCH"), $"/restapis/{apiId}/stages/{stage}",
            JsonContent.Create(new { patchOperations = new[] { new { op = "replace", path, value } } }));

    public async Task<JsonElement> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, endpoint + pathAndQuery) { Content = content };
        var payload = content is null ? [] : await content.ReadAsByteArrayAsync();
        foreach (var (name, value) in _signer.SignHeaders(method.Method, request.RequestUri!, payload, DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {pathAndQuery} → {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Sends <paramref name="body"/> as JSON.</summary>
    public Task<JsonElement> SendJsonAsync(HttpMethod method, string pathAndQuery, object body) =>
        SendAsync(method, pathAndQuery, JsonContent.Create(body));

    public void Dispose() => _http.Dispose();
}

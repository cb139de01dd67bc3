using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Tests.Security.SigV4;

namespace OrleansGateway.Tests.Waf.Management;

/// <summary>WAFv2 JSON calls (<c>X-Amz-Target: AWSWAF_20190729.*</c>) to a management listener, SigV4-signed for service <c>wafv2</c>.</summary>
internal sealed class WafJsonClient(string endpoint, string accessKeyId, string secretAccessKey) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TestSigV4Signer _signer = new(accessKeyId, secretAccessKey, "us-east-1", "wafv2");

    /// <summary>Calls <paramref name="operation"/>; throws with WAF's error body unless it succeeds.</summary>
    public async Task<JsonNode> CallAsync(string operation, object body)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint + "/") { Content = new ByteArrayContent(payload) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSWAF_20190729." + operation);
        foreach (var (name, value) in _signer.SignHeaders("POST", request.RequestUri!, payload, DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{operation} → {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
        return JsonNode.Parse(Encoding.UTF8.GetBytes(text))!;
    }

    public void Dispose() => _http.Dispose();
}

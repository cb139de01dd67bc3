using System.Net;
using System.Text;
using System.Xml.Linq;
using OrleansGateway.Tests.Security.SigV4;

// Not "OrleansGateway.Tests.Iam": that namespace would hide the policy tests' static Iam(...) request builder.
namespace OrleansGateway.Tests.IamTests;

/// <summary>IAM's query protocol by hand (form POST, SigV4 service <c>iam</c>), to see the raw XML the SDK parses.</summary>
internal sealed class IamQueryClient(string endpoint, string accessKeyId, string secretAccessKey, string service = "iam") : IDisposable
{
    public static readonly XNamespace Iam = "https://iam.amazonaws.com/doc/2010-05-08/";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TestSigV4Signer _signer = new(accessKeyId, secretAccessKey, "us-east-1", service);

    public async Task<(HttpStatusCode Status, XDocument? Body)> SendAsync(string action, params (string Name, string Value)[] parameters)
    {
        var form = string.Join('&', new[] { ("Action", action), ("Version", "2010-05-08") }.Concat(parameters)
            .Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
        var payload = Encoding.UTF8.GetBytes(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint + "/")
        {
            Content = new ByteArrayContent(payload) { Headers = { { "Content-Type", "application/x-www-form-urlencoded; charset=utf-8" } } },
        };
        foreach (var (name, value) in _signer.SignHeaders("POST", request.RequestUri!, payload, DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('<') ? XDocument.Parse(text) : null);
    }

    /// <summary>Sends and requires 200; returns the <c>{Action}Result</c> element (or the response root when there is none).</summary>
    public async Task<XElement> OkAsync(string action, params (string Name, string Value)[] parameters)
    {
        var (status, body) = await SendAsync(action, parameters);
        Assert.True(status == HttpStatusCode.OK, $"{action} → {(int)status}: {body}");
        return body!.Root!.Element(Iam + (action + "Result")) ?? body.Root!;
    }

    public void Dispose() => _http.Dispose();
}

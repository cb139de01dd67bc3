using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Tests.TestSupport;

/// <summary>
/// A client-side SigV4 signer written from the AWS specification for tests, independent of the
/// gateway's verifier, so a shared mistake cannot make both sides agree.
/// </summary>
public sealed class SigV4TestSigner(string accessKeyId, string secretAccessKey, string region = "us-east-1", string service = "apigateway")
{
    /// <summary>Adds <c>x-amz-date</c> and <c>Authorization</c> to <paramref name="request"/>.</summary>
    public async Task SignAsync(HttpRequestMessage request, DateTimeOffset? at = null)
    {
        var now = (at ?? DateTimeOffset.UtcNow).UtcDateTime;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var uri = request.RequestUri!;
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        request.Headers.Remove("x-amz-date");
        request.Headers.Add("x-amz-date", amzDate);

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.Headers.Host!,
            ["x-amz-date"] = amzDate,
        };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = contentType.ToString();
        }
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalHeaders = string.Concat(headers.Select(h => $"{h.Key}:{h.Value.Trim()}\n"));
        // Non-S3 services encode each path segment twice: once in the URL, once here.
        var canonicalPath = string.Join('/', uri.AbsolutePath.Split('/').Select(Uri.EscapeDataString));
        var canonicalQuery = string.Join('&', (uri.Query.TrimStart('?') is { Length: > 0 } q ? q.Split('&') : [])
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Encode(p[0]), Value: Encode(p.Length > 1 ? p[1] : "")))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var canonicalRequest = string.Join('\n', request.Method.Method, canonicalPath, canonicalQuery,
            canonicalHeaders, signedHeaders, Hex(SHA256.HashData(body)));

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static string Encode(string component) => Uri.EscapeDataString(Uri.UnescapeDataString(component));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Tests.Security.SigV4;

/// <summary>
/// A minimal SigV4 client signer for tests, written from AWS's signing documentation and sharing no
/// code with the gateway's verifier (it encodes with <see cref="Uri.EscapeDataString(string)"/>, as a
/// client would), so the tests check the verifier against a second, independent reading of the spec.
/// </summary>
internal sealed record TestSigV4Signer(string AccessKeyId, string SecretAccessKey, string Region, string Service)
{
    /// <summary>
    /// Signs with an <c>Authorization</c> header. Returns the headers to add: <c>X-Amz-Date</c> (or
    /// <c>Date</c> when <paramref name="useHttpDate"/>) and <c>Authorization</c>. <c>host</c> is always
    /// signed; <paramref name="extraSignedHeaders"/> are signed too and must also be sent by the caller.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> SignHeaders(
        string method,
        Uri uri,
        byte[] body,
        DateTimeOffset time,
        IEnumerable<KeyValuePair<string, string>>? extraSignedHeaders = null,
        bool useHttpDate = false)
    {
        var dateHeader = useHttpDate
            ? new KeyValuePair<string, string>("Date", time.ToString("r", CultureInfo.InvariantCulture))
            : new KeyValuePair<string, string>("X-Amz-Date", AmzDate(time));
        var signedHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.Authority,
            [dateHeader.Key.ToLowerInvariant()] = dateHeader.Value,
        };
        foreach (var (name, value) in extraSignedHeaders ?? [])
        {
            signedHeaders[name.ToLowerInvariant()] = value.Trim();
        }

        var payloadHash = signedHeaders.TryGetValue("x-amz-content-sha256", out var declared) ? declared : Hex(SHA256.HashData(body));
        var signature = Sign(method, uri.AbsolutePath, uri.Query, signedHeaders, payloadHash, time);
        var authorization =
            $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/{Scope(time)}, SignedHeaders={string.Join(';', signedHeaders.Keys)}, Signature={signature}";
        return [dateHeader, new("Authorization", authorization)];
    }

    /// <summary>Builds a presigned URL (signed headers: <c>host</c> only).</summary>
    public Uri Presign(string method, Uri uri, string payloadHash, DateTimeOffset time, int expiresSeconds)
    {
        var authQuery = string.Join('&',
            $"X-Amz-Algorithm=AWS4-HMAC-SHA256",
            $"X-Amz-Credential={Uri.EscapeDataString($"{AccessKeyId}/{Scope(time)}")}",
            $"X-Amz-Date={AmzDate(time)}",
            $"X-Amz-Expires={expiresSeconds.ToString(CultureInfo.InvariantCulture)}",
            "X-Amz-SignedHeaders=host");
        var query = uri.Query.Length > 1 ? $"{uri.Query[1..]}&{authQuery}" : authQuery;
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = uri.Authority };
        var signature = Sign(method, uri.AbsolutePath, "?" + query, headers, payloadHash, time);
        return new Uri($"{uri.GetLeftPart(UriPartial.Path)}?{query}&X-Amz-Signature={signature}");
    }

    private string Sign(string method, string escapedPath, string query, SortedDictionary<string, string> headers, string payloadHash, DateTimeOffset time)
    {
        var canonicalRequest = new StringBuilder()
            .Append(method).Append('\n')
            .Append(CanonicalPath(escapedPath)).Append('\n')
            .Append(CanonicalQuery(query)).Append('\n');
        foreach (var (name, value) in headers)
        {
            canonicalRequest.Append(name).Append(':').Append(value).Append('\n');
        }

        canonicalRequest.Append('\n').Append(string.Join(';', headers.Keys)).Append('\n').Append(payloadHash);
        var stringToSign =
            $"AWS4-HMAC-SHA256\n{AmzDate(time)}\n{Scope(time)}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest.ToString())))}";

        var key = Encoding.UTF8.GetBytes("AWS4" + SecretAccessKey);
        foreach (var part in new[] { time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Region, Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>Non-S3 rule: normalise, then escape each already-escaped segment again.</summary>
    private static string CanonicalPath(string escapedPath)
    {
        var segments = new Stack<string>();
        foreach (var segment in escapedPath.Split('/'))
        {
            if (segment == "..")
            {
                segments.TryPop(out _);
            }
            else if (segment is not ("" or "."))
            {
                segments.Push(segment);
            }
        }

        var path = "/" + string.Join('/', segments.Reverse().Select(Uri.EscapeDataString));
        return segments.Count > 0 && escapedPath.EndsWith('/') ? path + "/" : path;
    }

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (
                Name: Uri.EscapeDataString(Uri.UnescapeDataString(pair[0])),
                Value: Uri.EscapeDataString(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : string.Empty))))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Name}={pair.Value}"));

    private string Scope(DateTimeOffset time) =>
        $"{time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{Region}/{Service}/aws4_request";

    private static string AmzDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

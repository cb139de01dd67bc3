using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.InputLimits;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Routing.Benchmarks;

/// <summary>
/// What the bad-input checks cost a well-formed request: the framing, header and URL checks of
/// <see cref="InputLimitsMiddleware"/> on a typical GET, and the JSON well-formedness scan of a 1 KB body.
/// </summary>
// Not sealed: BenchmarkDotNet requires benchmark classes it can derive from.
public class BadInputBenchmarks
{
    private InputLimitsMiddleware _middleware = null!;
    private DefaultHttpContext _context = null!;
    private MemoryStream _body = null!;

    /// <summary>A request as a browser or SDK sends it (12 headers, a query with escapes), and a 1 KB JSON body.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _middleware = new InputLimitsMiddleware(_ => Task.CompletedTask, Options.Create(new InputLimitsOptions()),
            Options.Create(new DataPlaneListenerOptions()), NullLogger<InputLimitsMiddleware>.Instance);
        _context = new DefaultHttpContext();
        var request = _context.Request;
        request.Method = "GET";
        request.Protocol = "HTTP/1.1";
        request.Path = "/prod/pets/123";
        request.QueryString = new QueryString("?limit=10&cursor=abc%20def&q=caf%C3%A9");
        _context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget = "/prod/pets/123?limit=10&cursor=abc%20def&q=caf%C3%A9";
        var headers = request.Headers;
        headers.Host = "a1b2c3d4e5.execute-api.localhost";
        headers.Accept = "application/json, text/plain, */*";
        headers.AcceptEncoding = "gzip, deflate, br";
        headers.AcceptLanguage = "en-GB,en;q=0.9";
        headers.UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
        headers.Authorization = "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl";
        headers["x-api-key"] = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCd";
        headers.Origin = "https://app.example.com";
        headers.Referer = "https://app.example.com/pets";
        headers.CacheControl = "no-cache";
        headers["X-Amzn-Trace-Id"] = "Root=1-67891233-abcdef012345678912345678";
        headers.Connection = "keep-alive";

        var items = Enumerable.Range(0, 12).Select(i => new { id = i, name = $"pet-{i}", tags = new[] { "a", "b" }, price = i * 1.5 });
        var json = JsonSerializer.SerializeToUtf8Bytes(new { owner = "grüße", items });
        _body = new MemoryStream(json.Length >= 1024 ? json : Pad(json));
        if (_body.Length is < 1000 or > 1100 || !JsonWellFormedness.IsWellFormedAsync(_body, 64, CancellationToken.None).AsTask().Result)
        {
            throw new InvalidOperationException($"the benchmark body is {_body.Length} bytes or not well-formed");
        }
    }

    /// <summary>Framing, header-name/value and URL checks of a well-formed GET (passed on to the next stage).</summary>
    [Benchmark]
    public Task FramingHeadersAndUrl() => _middleware.InvokeAsync(_context);

    /// <summary>The streaming JSON well-formedness scan of a 1 KB body.</summary>
    [Benchmark]
    public ValueTask<bool> JsonScan1KB()
    {
        _body.Position = 0;
        return JsonWellFormedness.IsWellFormedAsync(_body, 64, CancellationToken.None);
    }

    // Grows the document to about 1 KB with a padding string, keeping it one JSON object.
    private static byte[] Pad(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        var missing = Math.Max(0, 1024 - json.Length - 12);
        return Encoding.UTF8.GetBytes(text[..^1] + ",\"pad\":\"" + new string('x', missing) + "\"}");
    }
}
